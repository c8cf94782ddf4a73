/** Keeps the webhook log bounded: events older than the retention (no longer replayable) and finished deliveries with their attempts go; pending ones stay. */
import { Injectable } from '@nestjs/common';
import { Clock } from '@tenantry/service';
import { WebhookDeliveryRepository } from '../../webhook-delivery.repository';
import { PruneWebhookLogCommand } from './prune-webhook-log.command';

const DAY_MS = 24 * 60 * 60 * 1000;

@Injectable()
export class PruneWebhookLogUseCase {
  constructor(
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly clock: Clock,
  ) {}

  execute(command: PruneWebhookLogCommand): Promise<{ events: number; deliveries: number }> {
    return this.deliveries.prune(new Date(this.clock.now().getTime() - command.retentionDays * DAY_MS));
  }
}
