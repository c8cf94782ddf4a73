/** Sends a delivery again now, whatever its state, with the same `webhook-id` (receivers deduplicate on it) and a fresh retry schedule. */
import { Injectable } from '@nestjs/common';
import { Transactions } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { deliveryNotFound } from '../../../webhooks.problems';
import { WebhookDeliveryRepository } from '../../webhook-delivery.repository';
import { WebhookDelivery } from '../../webhook-delivery.row';
import { RedeliverCommand } from './redeliver.command';

@Injectable()
export class RedeliverUseCase {
  constructor(
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  async execute(command: RedeliverCommand): Promise<WebhookDelivery> {
    // The access check first: another tenant's delivery is not found.
    if (!(await this.deliveries.find(command.access, command.deliveryId))) throw deliveryNotFound(command.deliveryId);
    return this.transactions.run(async (tx) => {
      const delivery = await this.deliveries.lock(tx, command.deliveryId);
      if (!delivery) throw deliveryNotFound(command.deliveryId);
      const next = { ...delivery, status: 'pending' as const, attemptCount: 0, nextAttemptAt: this.clock.now() };
      await this.deliveries.saveState(tx, next);
      return next;
    });
  }
}
