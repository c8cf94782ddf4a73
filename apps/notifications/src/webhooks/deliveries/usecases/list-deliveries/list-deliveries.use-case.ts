/** The delivery log of one endpoint, newest first, each delivery with every attempt. */
import { Injectable } from '@nestjs/common';
import { WebhookEndpointRepository } from '../../../endpoints/webhook-endpoint.repository';
import { endpointNotFound } from '../../../webhooks.problems';
import { WebhookDeliveryRepository } from '../../webhook-delivery.repository';
import { WebhookDeliveryWithAttempts } from '../../webhook-delivery.row';
import { ListDeliveriesCommand } from './list-deliveries.command';

@Injectable()
export class ListDeliveriesUseCase {
  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly deliveries: WebhookDeliveryRepository,
  ) {}

  async execute(command: ListDeliveriesCommand): Promise<WebhookDeliveryWithAttempts[]> {
    if (!(await this.endpoints.find(command.access, command.endpointId))) throw endpointNotFound(command.endpointId);
    return this.deliveries.list(command.access, command.endpointId, command.limit);
  }
}
