/** One endpoint the caller may see (another tenant's is not found). */
import { Injectable } from '@nestjs/common';
import { endpointNotFound } from '../../../webhooks.problems';
import { WebhookEndpointRepository } from '../../webhook-endpoint.repository';
import { WebhookEndpoint } from '../../webhook-endpoint.row';
import { GetEndpointCommand } from './get-endpoint.command';

@Injectable()
export class GetEndpointUseCase {
  constructor(private readonly endpoints: WebhookEndpointRepository) {}

  async execute(command: GetEndpointCommand): Promise<WebhookEndpoint> {
    const endpoint = await this.endpoints.find(command.access, command.id);
    if (!endpoint) throw endpointNotFound(command.id);
    return endpoint;
  }
}
