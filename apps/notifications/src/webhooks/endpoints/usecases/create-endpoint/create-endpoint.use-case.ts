/** Registers an endpoint: URL checked (SSRF, HTTPS), event types from the catalogue, a new secret sealed at rest and answered once. */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Transactions } from '@tenantry/persistence';
import { Clock, invalidField } from '@tenantry/service';
import { generateWebhookSecret } from '../../../signing/webhook-signature';
import { SecretSealer } from '../../../signing/secret-sealer';
import { EndpointInput } from '../../endpoint-input';
import { WebhookEndpointRepository } from '../../webhook-endpoint.repository';
import { WebhookEndpoint } from '../../webhook-endpoint.row';
import { CreateEndpointCommand } from './create-endpoint.command';

@Injectable()
export class CreateEndpointUseCase {
  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly transactions: Transactions,
    private readonly input: EndpointInput,
    private readonly sealer: SecretSealer,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateEndpointCommand): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const { access } = command;
    if (access.tenantId !== null && command.tenantId != null && command.tenantId !== access.tenantId) {
      throw invalidField('tenantId', "must be your own tenant's id (or left out)");
    }
    const eventTypes = this.input.checkEventTypes(command.eventTypes);
    const url = await this.input.checkUrl(command.url);
    const id = randomUUID();
    const secret = generateWebhookSecret();
    const now = this.clock.now();
    const endpoint: WebhookEndpoint = {
      id,
      tenantId: access.tenantId ?? command.tenantId ?? null,
      url,
      eventTypes,
      description: command.description,
      enabled: command.enabled,
      disabledReason: null,
      secretSealed: this.sealer.seal(id, secret),
      previousSecretSealed: null,
      previousSecretExpiresAt: null,
      failingSince: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.transactions.run((tx) => this.endpoints.insert(tx, endpoint));
    return { endpoint, secret };
  }
}
