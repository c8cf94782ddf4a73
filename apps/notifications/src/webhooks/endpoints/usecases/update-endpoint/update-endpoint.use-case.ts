/** Changes an endpoint's URL, event types, description or enabled flag; enabling it again clears an automatic disable. */
import { Injectable } from '@nestjs/common';
import { Transactions } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { endpointNotFound } from '../../../webhooks.problems';
import { EndpointInput } from '../../endpoint-input';
import { WebhookEndpointRepository } from '../../webhook-endpoint.repository';
import { WebhookEndpoint } from '../../webhook-endpoint.row';
import { UpdateEndpointCommand } from './update-endpoint.command';

@Injectable()
export class UpdateEndpointUseCase {
  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly transactions: Transactions,
    private readonly input: EndpointInput,
    private readonly clock: Clock,
  ) {}

  async execute(command: UpdateEndpointCommand): Promise<WebhookEndpoint> {
    const { changes } = command;
    const eventTypes = changes.eventTypes === undefined ? undefined : this.input.checkEventTypes(changes.eventTypes);
    const url = changes.url === undefined ? undefined : await this.input.checkUrl(changes.url);
    return this.transactions.run(async (tx) => {
      const current = await this.endpoints.find(command.access, command.id, tx);
      if (!current) throw endpointNotFound(command.id);
      const reenabled = changes.enabled === true && !current.enabled;
      const next: WebhookEndpoint = {
        ...current,
        url: url ?? current.url,
        eventTypes: eventTypes ?? current.eventTypes,
        description: changes.description ?? current.description,
        enabled: changes.enabled ?? current.enabled,
        disabledReason: reenabled ? null : changes.enabled === false ? 'disabled by a user' : current.disabledReason,
        failingSince: reenabled ? null : current.failingSince,
        updatedAt: this.clock.now(),
      };
      await this.endpoints.update(tx, next);
      return next;
    });
  }
}
