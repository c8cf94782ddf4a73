/** The endpoints the caller may see: a tenant admin its tenant's, a platform role all. */
import { Injectable } from '@nestjs/common';
import { WebhookEndpointRepository } from '../../webhook-endpoint.repository';
import { WebhookEndpoint } from '../../webhook-endpoint.row';
import { ListEndpointsCommand } from './list-endpoints.command';

@Injectable()
export class ListEndpointsUseCase {
  constructor(private readonly endpoints: WebhookEndpointRepository) {}

  execute(command: ListEndpointsCommand): Promise<WebhookEndpoint[]> {
    return this.endpoints.list(command.access);
  }
}
