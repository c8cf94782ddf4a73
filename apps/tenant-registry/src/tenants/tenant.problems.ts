/** Every error the tenants feature answers with: one code per problem, mapped exhaustively to its status and title. */
import { ProblemException } from '@tenantry/service';
import { TenantStatus } from '@tenantry/contracts';

export enum TenantProblemCode {
  NotFound = 'tenant-not-found',
  IllegalTransition = 'illegal-transition',
  DomainTaken = 'domain-taken',
  SlugTaken = 'slug-taken',
  ReservedName = 'reserved-name',
  UnknownPlan = 'unknown-plan',
  PreconditionFailed = 'precondition-failed',
  ValidationFailed = 'validation-failed',
}

function statusAndTitle(code: TenantProblemCode): [status: number, title: string] {
  switch (code) {
    case TenantProblemCode.NotFound:
      return [404, 'Tenant not found'];
    case TenantProblemCode.IllegalTransition:
      return [409, 'The tenant cannot make this transition'];
    case TenantProblemCode.DomainTaken:
      return [409, 'The domain is already taken'];
    case TenantProblemCode.SlugTaken:
      return [409, 'The slug is already taken'];
    case TenantProblemCode.ReservedName:
      return [400, 'The name is reserved'];
    case TenantProblemCode.UnknownPlan:
      return [422, 'Unknown plan'];
    case TenantProblemCode.PreconditionFailed:
      return [412, 'The tenant has changed since you read it'];
    case TenantProblemCode.ValidationFailed:
      return [400, 'Your request is not valid'];
  }
}

export function tenantProblem(code: TenantProblemCode, detail: string, extensions: Record<string, unknown> = {}): ProblemException {
  const [status, title] = statusAndTitle(code);
  return new ProblemException(code, status, title, detail, extensions);
}

export function tenantNotFound(tenantId: string): ProblemException {
  return tenantProblem(TenantProblemCode.NotFound, `No tenant has the id ${tenantId}`);
}

export function illegalTransition(current: TenantStatus, to: TenantStatus | 'updated'): ProblemException {
  const action = to === 'updated' ? 'be updated' : `move to ${to}`;
  return tenantProblem(TenantProblemCode.IllegalTransition, `The tenant is ${current} and cannot ${action}`, { currentStatus: current });
}

/** A field-level validation problem found after the DTO checks (e.g. a derived slug). */
export function fieldProblem(field: string, message: string): ProblemException {
  return tenantProblem(TenantProblemCode.ValidationFailed, '1 field(s) are invalid', { errors: [{ field, message }] });
}
