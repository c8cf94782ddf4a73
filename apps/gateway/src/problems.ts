/** The gateway's own problem types: one code per error, each mapped to its status and title. */
import { ProblemException } from '@tenantry/service';

export enum GatewayProblemCode {
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  TenantNotFound = 'tenant-not-found',
  TenantSuspended = 'tenant-suspended',
  ApiKeyNotFound = 'api-key-not-found',
  ValidationFailed = 'validation-failed',
  MalformedJson = 'malformed-json',
  IdempotencyKeyReused = 'idempotency-key-reused',
  IdempotencyKeyInProgress = 'idempotency-key-in-progress',
  UpstreamUnavailable = 'upstream-unavailable',
}

const PROBLEMS: Record<GatewayProblemCode, { status: number; title: string }> = {
  [GatewayProblemCode.Unauthenticated]: { status: 401, title: 'A valid API key is required' },
  [GatewayProblemCode.Forbidden]: { status: 403, title: 'Your API key may not do this' },
  [GatewayProblemCode.TenantNotFound]: { status: 404, title: 'Tenant not found' },
  [GatewayProblemCode.TenantSuspended]: { status: 403, title: 'The tenant is suspended' },
  [GatewayProblemCode.ApiKeyNotFound]: { status: 404, title: 'API key not found' },
  [GatewayProblemCode.ValidationFailed]: { status: 400, title: 'Your request is not valid' },
  [GatewayProblemCode.MalformedJson]: { status: 400, title: 'The request body is not valid JSON' },
  [GatewayProblemCode.IdempotencyKeyReused]: { status: 409, title: 'This Idempotency-Key was used with a different request' },
  [GatewayProblemCode.IdempotencyKeyInProgress]: { status: 409, title: 'A request with this Idempotency-Key is still in progress' },
  [GatewayProblemCode.UpstreamUnavailable]: { status: 503, title: 'A service behind the gateway is unavailable' },
};

export class GatewayProblem extends ProblemException {
  constructor(code: GatewayProblemCode, detail?: string, extensions: Record<string, unknown> = {}) {
    const { status, title } = PROBLEMS[code];
    super(code, status, title, detail, extensions);
  }
}

/** 400 `validation-failed` naming the given fields, in the shape the chassis' ValidationPipe uses. */
export function fieldsInvalid(errors: { field: string; message: string }[]): GatewayProblem {
  return new GatewayProblem(GatewayProblemCode.ValidationFailed, `${errors.length} field(s) are invalid`, { errors });
}
