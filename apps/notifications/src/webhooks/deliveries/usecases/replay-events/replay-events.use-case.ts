/**
 * Replays a time range to one endpoint: every kept event of [from, to) that the endpoint would
 * receive (its tenant's and platform events, its types) gets a delivery if it had none, and one that
 * failed for good is queued again (same `webhook-id`). Succeeded and pending ones are left alone.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Transactions } from '@tenantry/persistence';
import { Clock, invalidField } from '@tenantry/service';
import { subscribes } from '../../../endpoints/event-type-patterns';
import { WebhookEndpointRepository } from '../../../endpoints/webhook-endpoint.repository';
import { endpointNotFound } from '../../../webhooks.problems';
import { WebhookDeliveryRepository } from '../../webhook-delivery.repository';
import { ReplayEventsCommand } from './replay-events.command';

/** At most this many events per replay; a longer range is replayed in parts. */
export const MAX_REPLAY_EVENTS = 10_000;

@Injectable()
export class ReplayEventsUseCase {
  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  /** Returns how many deliveries were queued. */
  async execute(command: ReplayEventsCommand): Promise<number> {
    if (command.to <= command.from) throw invalidField('to', 'must be after from');
    const endpoint = await this.endpoints.find(command.access, command.endpointId);
    if (!endpoint) throw endpointNotFound(command.endpointId);
    const events = (await this.deliveries.eventsBetween(command.from, command.to, endpoint.tenantId, MAX_REPLAY_EVENTS + 1)).filter((event) => subscribes(endpoint.eventTypes, event.type));
    if (events.length > MAX_REPLAY_EVENTS) throw invalidField('to', `the range holds more than ${MAX_REPLAY_EVENTS} events; replay a shorter one`);
    const now = this.clock.now();
    return this.transactions.run(async (tx) => {
      const inserted = await this.deliveries.insertDeliveries(
        tx,
        events.map((event) => ({
          id: randomUUID(), endpointId: endpoint.id, tenantId: endpoint.tenantId, eventId: event.id, eventType: event.type, body: event.body,
          status: 'pending' as const, attemptCount: 0, nextAttemptAt: now, createdAt: now,
        })),
      );
      const requeued = await this.deliveries.requeueFailed(tx, endpoint.id, events.map((event) => event.id), now);
      return inserted + requeued;
    });
  }
}
