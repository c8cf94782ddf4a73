/** Every error the usage feature answers with: one code per problem, mapped exhaustively to its status and title. */
import { ProblemException } from '@tenantry/service';

export enum UsageProblemCode {
  ValidationFailed = 'validation-failed',
  TenantNotFound = 'tenant-not-found',
  IngestionUnavailable = 'ingestion-unavailable',
}

function statusAndTitle(code: UsageProblemCode): [status: number, title: string] {
  switch (code) {
    case UsageProblemCode.ValidationFailed:
      return [400, 'Your request is not valid'];
    case UsageProblemCode.TenantNotFound:
      return [404, 'Tenant not found'];
    case UsageProblemCode.IngestionUnavailable:
      return [503, 'Usage cannot be recorded right now'];
  }
}

export function usageProblem(code: UsageProblemCode, detail?: string, extensions: Record<string, unknown> = {}): ProblemException {
  const [status, title] = statusAndTitle(code);
  return new ProblemException(code, status, title, detail, extensions);
}

export function fieldProblem(field: string, message: string): ProblemException {
  return usageProblem(UsageProblemCode.ValidationFailed, `1 field(s) are invalid`, { errors: [{ field, message }] });
}

export function tenantNotFound(tenantId: string): ProblemException {
  return usageProblem(UsageProblemCode.TenantNotFound, `Metering knows no tenant ${tenantId}`);
}

export function ingestionUnavailable(cause: string): ProblemException {
  return usageProblem(UsageProblemCode.IngestionUnavailable, `The usage stream did not acknowledge the events (${cause}); none was recorded. Retry with the same event ids.`);
}
