/** The problems the provisioning API reports, each with a stable type and title. */
import { ProblemException } from '@tenantry/service';

export enum ProvisioningProblemCode {
  SagaNotFound = 'saga-not-found',
  DomainNotFound = 'domain-not-found',
  DomainNotVerified = 'domain-not-verified',
  ExportNotFound = 'export-not-found',
}

const PROBLEMS: Record<ProvisioningProblemCode, { status: number; title: string }> = {
  [ProvisioningProblemCode.SagaNotFound]: { status: 404, title: 'No saga for this tenant' },
  [ProvisioningProblemCode.DomainNotFound]: { status: 404, title: 'No custom domain awaits verification for this tenant' },
  [ProvisioningProblemCode.DomainNotVerified]: { status: 409, title: 'The domain verification record was not found' },
  [ProvisioningProblemCode.ExportNotFound]: { status: 404, title: 'No export archive for this tenant' },
};

export function provisioningProblem(code: ProvisioningProblemCode, detail?: string, extensions: Record<string, unknown> = {}): ProblemException {
  const { status, title } = PROBLEMS[code];
  return new ProblemException(code, status, title, detail, extensions);
}
