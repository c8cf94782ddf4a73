/** Removes an endpoint with its deliveries and their log. */
import { Injectable } from '@nestjs/common';
import { Transactions } from '@tenantry/persistence';
import { endpointNotFound } from '../../../webhooks.problems';
import { WebhookEndpointRepository } from '../../webhook-endpoint.repository';
import { DeleteEndpointCommand } from './delete-endpoint.command';

@Injectable()
export class DeleteEndpointUseCase {
  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly transactions: Transactions,
  ) {}

  async execute(command: DeleteEndpointCommand): Promise<void> {
    const deleted = await this.transactions.run((tx) => this.endpoints.delete(tx, command.access, command.id));
    if (!deleted) throw endpointNotFound(command.id);
  }
}
