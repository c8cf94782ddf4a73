/** Queues a `WebhookTest` event to one endpoint (whatever types it subscribes to), delivered, signed and logged like any other. */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Transactions } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { WEBHOOK_TEST_EVENT } from '../../../endpoints/event-type-patterns';
import { WebhookEndpointRepository } from '../../../endpoints/webhook-endpoint.repository';
import { endpointNotFound } from '../../../webhooks.problems';
import { cloudEventBody } from '../../cloud-event-body';
import { WebhookDeliveryRepository } from '../../webhook-delivery.repository';
import { WebhookDelivery } from '../../webhook-delivery.row';
import { SendTestCommand } from './send-test.command';

@Injectable()
export class SendTestUseCase {
  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  async execute(command: SendTestCommand): Promise<WebhookDelivery> {
    const endpoint = await this.endpoints.find(command.access, command.endpointId);
    if (!endpoint) throw endpointNotFound(command.endpointId);
    const now = this.clock.now();
    const eventId = randomUUID();
    const body = cloudEventBody(
      { id: eventId, type: WEBHOOK_TEST_EVENT, source: '/tenantry/notifications', time: now.toISOString(), schemaVersion: 1, ...(endpoint.tenantId ? { tenantId: endpoint.tenantId } : {}) },
      { endpointId: endpoint.id, message: 'A test event from Tenantry: this endpoint receives and verifies signed webhooks.' },
    );
    const delivery: WebhookDelivery = {
      id: randomUUID(), endpointId: endpoint.id, tenantId: endpoint.tenantId, eventId, eventType: WEBHOOK_TEST_EVENT, body,
      status: 'pending', attemptCount: 0, nextAttemptAt: now, createdAt: now,
    };
    await this.transactions.run((tx) => this.deliveries.insertDeliveries(tx, [delivery]));
    return delivery;
  }
}
