/**
 * Turns events from the suite's topics into deliveries, in the consumer's transaction: the event is
 * kept (for replay), and each enabled endpoint of its tenant, plus each platform-wide one, that
 * subscribes to its type gets one delivery row, due now — written before anything is sent, unique
 * per endpoint and event, so a redelivered Kafka message adds nothing.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Transaction } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { subscribes } from '../../../endpoints/event-type-patterns';
import { WebhookEndpointRepository } from '../../../endpoints/webhook-endpoint.repository';
import { cloudEventBody } from '../../cloud-event-body';
import { WebhookDeliveryRepository } from '../../webhook-delivery.repository';
import { WebhookDelivery, WebhookEvent } from '../../webhook-delivery.row';
import { FanOutEventsCommand } from './fan-out-events.command';

@Injectable()
export class FanOutEventsUseCase {
  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly clock: Clock,
  ) {}

  /** Returns how many deliveries were queued. */
  async execute(command: FanOutEventsCommand, tx: Transaction): Promise<number> {
    const now = this.clock.now();
    const events: WebhookEvent[] = command.events.map(({ meta, payload }) => ({
      id: meta.id,
      type: meta.type,
      tenantId: meta.tenantId ?? null,
      // ce_time is required but not checked by the envelope: a bad one is taken as the time it arrived.
      occurredAt: Number.isNaN(Date.parse(meta.time)) ? now : new Date(meta.time),
      body: cloudEventBody(meta, payload),
    }));
    await this.deliveries.saveEvents(tx, events);
    const receivers = new Map<string, Awaited<ReturnType<WebhookEndpointRepository['receiversOf']>>>();
    const queued: WebhookDelivery[] = [];
    for (const event of events) {
      const key = event.tenantId ?? '';
      let endpoints = receivers.get(key);
      if (!endpoints) {
        endpoints = await this.endpoints.receiversOf(tx, event.tenantId ?? undefined);
        receivers.set(key, endpoints);
      }
      for (const endpoint of endpoints) {
        if (!subscribes(endpoint.eventTypes, event.type)) continue;
        queued.push({
          id: randomUUID(), endpointId: endpoint.id, tenantId: endpoint.tenantId, eventId: event.id, eventType: event.type, body: event.body,
          status: 'pending', attemptCount: 0, nextAttemptAt: now, createdAt: now,
        });
      }
    }
    return this.deliveries.insertDeliveries(tx, queued);
  }
}
