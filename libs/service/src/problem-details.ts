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

/** An error that already knows its problem type. */
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

export function fieldProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

/** For ValidationPipe: name every bad field. */
export function validationProblem(errors: ValidationError[]): ProblemException {
  const problems = fieldProblems(errors);
  return new ProblemException('validation-failed', 400, 'Your request is not valid', `${problems.length} field(s) are invalid`, { errors: problems });
}

const TITLES: Record<number, [string, string]> = {
  400: ['bad-request', 'Bad request'],
  401: ['unauthenticated', 'Authentication required'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  409: ['conflict', 'Conflict'],
  413: ['payload-too-large', 'Payload too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  429: ['rate-limited', 'Too many requests'],
  503: ['unavailable', 'Service unavailable'],
};

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
      const [code, title] = TITLES[status] ?? ['http-error', HttpStatus[status] ?? 'Error'];
      const response = exception.getResponse();
      const message = typeof response === 'object' && response !== null ? (response as { message?: unknown }).message : response;
      return { type: PROBLEM_BASE + code, title, status, detail: Array.isArray(message) ? message.join('; ') : String(message ?? exception.message) };
    }
    const error = (exception ?? {}) as FastifyLikeError;
    if ((error.code !== undefined && MALFORMED_JSON_CODES.has(error.code)) || (exception instanceof SyntaxError && error.statusCode === 400)) {
      return { type: PROBLEM_BASE + 'malformed-json', title: 'The request body is not valid JSON', status: 400, detail: error.message };
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      const [code, title] = TITLES[error.statusCode] ?? ['bad-request', 'Bad request'];
      return { type: PROBLEM_BASE + code, title, status: error.statusCode, detail: error.message };
    }
    return { type: PROBLEM_BASE + 'internal', title: 'Internal error', status: 500, detail: 'An unexpected error occurred; it has been logged.' };
  }
}
