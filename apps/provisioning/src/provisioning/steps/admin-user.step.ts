/**
 * Step `admin-user`: the first administrator, invited with a one-time token of which only the
 * SHA-256 hash is stored; publishes TenantAdminCreated with the step's success.
 */
import { Injectable } from '@nestjs/common';
import { Clock } from '@tenantry/service';
import { TenantDatabase } from '../../infrastructure/tenant-database';
import { sha256Hex, TokenGenerator } from '../../infrastructure/token-generator';
import { ProvisioningConfig } from '../../provisioning.config';
import { SagaStep, StepContext, StepOutcome } from '../../saga/saga.model';
import { provisioningInput } from '../provisioning-input';

const HOUR_MS = 3_600_000;

@Injectable()
export class AdminUserStep implements SagaStep {
  readonly name = 'admin-user';

  constructor(
    private readonly tenantDatabase: TenantDatabase,
    private readonly tokens: TokenGenerator,
    private readonly clock: Clock,
    private readonly config: ProvisioningConfig,
  ) {}

  async execute(context: StepContext): Promise<StepOutcome> {
    const { adminEmail } = provisioningInput(context);
    const token = this.tokens.token(32);
    const { userId, invitationExpiresAt } = await this.tenantDatabase.ensureAdmin(this.tenantDatabase.identity(context.tenantId), {
      email: adminEmail,
      invitationTokenSha256: sha256Hex(token),
      invitationExpiresAt: new Date(this.clock.now().getTime() + this.config.INVITATION_TTL_HOURS * HOUR_MS),
    });
    return {
      status: 'succeeded',
      detail: { userId, email: adminEmail, invitationExpiresAt: invitationExpiresAt.toISOString() },
      events: [{ type: 'TenantAdminCreated', payload: { tenantId: context.tenantId, userId, email: adminEmail, invitationExpiresAt: invitationExpiresAt.toISOString() } }],
    };
  }
}
