/**
 * Step `admin-user`: the first administrator, invited with a one-time token of which only the
 * SHA-256 hash is stored; publishes TenantAdminCreated with the step's success. The token is derived
 * from INVITATION_KEY and the invitation's facts (tenant, e-mail, expiry), so notifications can
 * derive it again to mail the link: it is never on Kafka, in a log or stored in clear.
 */
import { Injectable } from '@nestjs/common';
import { Clock } from '@tenantry/service';
import { TenantDatabase } from '../../infrastructure/tenant-database';
import { deriveInvitationToken } from '@tenantry/internal-auth';
import { sha256Hex } from '../../infrastructure/token-generator';
import { ProvisioningConfig } from '../../provisioning.config';
import { SagaStep, StepContext, StepOutcome } from '../../saga/saga.model';
import { provisioningInput } from '../provisioning-input';
import { requireRecordedIdentity } from '../recorded-identity';
import { TenantCredentialRepository } from '../tenant-credential.repository';

const HOUR_MS = 3_600_000;

@Injectable()
export class AdminUserStep implements SagaStep {
  readonly name = 'admin-user';

  constructor(
    private readonly tenantDatabase: TenantDatabase,
    private readonly credentials: TenantCredentialRepository,
    private readonly clock: Clock,
    private readonly config: ProvisioningConfig,
  ) {}

  async execute(context: StepContext): Promise<StepOutcome> {
    const { adminEmail } = provisioningInput(context);
    const expiresAt = new Date(this.clock.now().getTime() + this.config.INVITATION_TTL_HOURS * HOUR_MS);
    const token = deriveInvitationToken(this.config.INVITATION_KEY, { tenantId: context.tenantId, email: adminEmail, expiresAt: expiresAt.toISOString() });
    const { userId, invitationExpiresAt } = await this.tenantDatabase.ensureAdmin(await requireRecordedIdentity(this.credentials, context.tenantId), {
      email: adminEmail,
      invitationTokenSha256: sha256Hex(token),
      invitationExpiresAt: expiresAt,
    });
    return {
      status: 'succeeded',
      detail: { userId, email: adminEmail, invitationExpiresAt: invitationExpiresAt.toISOString() },
      events: [{ type: 'TenantAdminCreated', payload: { tenantId: context.tenantId, userId, email: adminEmail, invitationExpiresAt: invitationExpiresAt.toISOString() } }],
    };
  }
}
