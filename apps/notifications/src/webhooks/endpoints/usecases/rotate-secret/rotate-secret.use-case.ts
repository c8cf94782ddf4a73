/** A new signing secret, answered once; the current one keeps signing beside it for 24 hours (two signatures), so receivers can switch without missing a delivery. */
import { Injectable } from '@nestjs/common';
import { Transactions } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { SecretSealer } from '../../../signing/secret-sealer';
import { generateWebhookSecret } from '../../../signing/webhook-signature';
import { endpointNotFound } from '../../../webhooks.problems';
import { WebhookEndpointRepository } from '../../webhook-endpoint.repository';
import { RotateSecretCommand } from './rotate-secret.command';

export const PREVIOUS_SECRET_OVERLAP_MS = 24 * 60 * 60 * 1000;

@Injectable()
export class RotateSecretUseCase {
  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly transactions: Transactions,
    private readonly sealer: SecretSealer,
    private readonly clock: Clock,
  ) {}

  async execute(command: RotateSecretCommand): Promise<{ secret: string; previousSecretExpiresAt: Date }> {
    return this.transactions.run(async (tx) => {
      const current = await this.endpoints.find(command.access, command.id, tx);
      if (!current) throw endpointNotFound(command.id);
      const now = this.clock.now();
      const secret = generateWebhookSecret();
      const previousSecretExpiresAt = new Date(now.getTime() + PREVIOUS_SECRET_OVERLAP_MS);
      await this.endpoints.update(tx, {
        ...current,
        secretSealed: this.sealer.seal(current.id, secret),
        previousSecretSealed: current.secretSealed,
        previousSecretExpiresAt,
        updatedAt: now,
      });
      return { secret, previousSecretExpiresAt };
    });
  }
}
