/** RFC 9457 problem details: every error leaves a service as application/problem+json with a stable type. */
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Inject, ValidationError } from '@nestjs/common';
import { Logger } from '@tenantry/observability';
import { LOGGER } from './service-definition';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_BASE = 'https://tenantry.dev/problems/';

export interface FieldProblem {
  field: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

/** An error that already knows its problem type; made by the factories `defineProblems` returns. */
export class ProblemException extends HttpException {
  constructor(
    readonly code: string,
    status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super({ code, title, detail }, status);
  }
}

/** What a problem type is: its HTTP status and its title (the same for every occurrence). */
export interface ProblemType {
  readonly status: number;
  readonly title: string;
}

/** Makes one problem of a type; `extensions` become extra members of the body. */
export interface ProblemFactory extends ProblemType {
  (detail?: string, extensions?: Record<string, unknown>): ProblemException;
  readonly code: string;
  /** `https://tenantry.dev/problems/<code>`, stable: clients switch on it. */
  readonly type: string;
}

/**
 * The one way a service declares its errors: a catalogue keyed by code, e.g.
 * `defineProblems({ 'slug-taken': { status: 409, title: 'The slug is already taken' } })`,
 * used as `throw TENANT_PROBLEMS['slug-taken'](detail, { slug })`. The types every service shares
 * are in COMMON_PROBLEMS; declare only the service's own.
 */
export function defineProblems<C extends string>(types: Record<C, ProblemType>): { readonly [K in C]: ProblemFactory } {
  const factories = {} as Record<C, ProblemFactory>;
  for (const code of Object.keys(types) as C[]) {
    const { status, title } = types[code];
    const make = (detail?: string, extensions: Record<string, unknown> = {}) => new ProblemException(code, status, title, detail, extensions);
    factories[code] = Object.assign(make, { code, type: PROBLEM_BASE + code, status, title });
  }
  return factories;
}

/** The problem types of every service: request validation and the generic HTTP errors, the tenant every API is about. */
export const COMMON_PROBLEMS = defineProblems({
  'validation-failed': { status: 400, title: 'Your request is not valid' },
  'malformed-json': { status: 400, title: 'The request body is not valid JSON' },
  'bad-request': { status: 400, title: 'Bad request' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Forbidden' },
  'not-found': { status: 404, title: 'Not found' },
  'tenant-not-found': { status: 404, title: 'Tenant not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'uri-too-long': { status: 414, title: 'URI too long' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'request-header-fields-too-large': { status: 431, title: 'Request header fields too large' },
  'request-timeout': { status: 408, title: 'Request timeout' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal error' },
  unavailable: { status: 503, title: 'Service unavailable' },
});

/**
 * Every bad field with its messages. A nested object's own check (`must be an object`) and
 * ValidateNested's generic `nested property … must be either object or array` say the same thing:
 * the generic one is dropped when another message names the field.
 */
export function fieldProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const constraints = Object.entries(error.constraints ?? {});
    const own = constraints.filter(([name]) => name !== 'nestedValidation' || constraints.length === 1).map(([, message]) => ({ field, message }));
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

/** 400 `validation-failed` naming every bad field: the shape of the ValidationPipe's and of every check made after it. */
export function invalidFields(errors: FieldProblem[]): ProblemException {
  return COMMON_PROBLEMS['validation-failed'](`${errors.length} field(s) are invalid`, { errors });
}

/** `invalidFields` for one field. */
export function invalidField(field: string, message: string): ProblemException {
  return invalidFields([{ field, message }]);
}

/** For ValidationPipe: name every bad field. */
export function validationProblem(errors: ValidationError[]): ProblemException {
  return invalidFields(fieldProblems(errors));
}

/** The type Nest's own HttpExceptions (e.g. an unknown route's 404) are reported as, by status. */
const BY_STATUS = new Map<number, ProblemFactory>(
  (['bad-request', 'unauthenticated', 'forbidden', 'not-found', 'method-not-allowed', 'conflict', 'payload-too-large', 'unsupported-media-type', 'rate-limited', 'unavailable'] as const).map((code) => [
    COMMON_PROBLEMS[code].status,
    COMMON_PROBLEMS[code],
  ]),
);

/** Fastify's codes for a body that is not JSON (names differ across Fastify versions). */
const MALFORMED_JSON_CODES = new Set(['FST_ERR_CTP_INVALID_JSON', 'FST_ERR_CTP_INVALID_JSON_BODY', 'FST_ERR_CTP_EMPTY_JSON_BODY']);

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

interface ReplyLike {
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(body: unknown): void;
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<ReplyLike>();
    const request = http.getRequest<{ url?: string; id?: string }>();
    const body = this.toProblem(exception);
    body.instance = request.url;
    if (body.status >= 500) this.logger.error({ err: exception, requestId: request.id }, 'request failed');
    reply.status(body.status).header('Content-Type', PROBLEM_CONTENT_TYPE).send(body);
  }

  private toProblem(exception: unknown): ProblemBody {
    if (exception instanceof ProblemException) {
      return { type: PROBLEM_BASE + exception.code, title: exception.title, status: exception.getStatus(), detail: exception.detail, ...exception.extensions };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const known = BY_STATUS.get(status);
      const [code, title] = known ? [known.code, known.title] : ['http-error', HttpStatus[status] ?? 'Error'];
      const response = exception.getResponse();
      const message = typeof response === 'object' && response !== null ? (response as { message?: unknown }).message : response;
      return { type: PROBLEM_BASE + code, title, status, detail: Array.isArray(message) ? message.join('; ') : String(message ?? exception.message) };
    }
    const error = (exception ?? {}) as FastifyLikeError;
    if ((error.code !== undefined && MALFORMED_JSON_CODES.has(error.code)) || (exception instanceof SyntaxError && error.statusCode === 400)) {
      return bodyOf(COMMON_PROBLEMS['malformed-json'], error.message);
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      const { code, title } = BY_STATUS.get(error.statusCode) ?? COMMON_PROBLEMS['bad-request'];
      return { type: PROBLEM_BASE + code, title, status: error.statusCode, detail: error.message };
    }
    return bodyOf(COMMON_PROBLEMS.internal, 'An unexpected error occurred; it has been logged.');
  }
}

function bodyOf(problem: ProblemFactory, detail: string | undefined): ProblemBody {
  return { type: problem.type, title: problem.title, status: problem.status, detail };
}
