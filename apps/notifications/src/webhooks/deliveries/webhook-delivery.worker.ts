/** Runs the delivery worker every WEBHOOK_DELIVERY_INTERVAL_MS (rounds follow each other while there is due work, as of the injected clock), and the log's pruning every WEBHOOK_PRUNE_INTERVAL_MS. */
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from '@tenantry/observability';
import { LOGGER, PeriodicJob } from '@tenantry/service';
import { WebhooksConfig } from '../webhooks.config';
import { DeliverDueCommand } from './usecases/deliver-due/deliver-due.command';
import { DeliverDueUseCase } from './usecases/deliver-due/deliver-due.use-case';
import { PruneWebhookLogCommand } from './usecases/prune-webhook-log/prune-webhook-log.command';
import { PruneWebhookLogUseCase } from './usecases/prune-webhook-log/prune-webhook-log.use-case';

@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;
  private readonly pruning: PeriodicJob;

  constructor(deliver: DeliverDueUseCase, prune: PruneWebhookLogUseCase, config: WebhooksConfig, @Inject(LOGGER) logger: Logger) {
    const limit = config.WEBHOOK_DELIVERY_CONCURRENCY;
    this.job = new PeriodicJob({ name: 'webhook delivery', intervalMs: config.WEBHOOK_DELIVERY_INTERVAL_MS }, async () => {
      // A full round means more may be due: go on at once instead of waiting for the next tick.
      while ((await deliver.execute(new DeliverDueCommand(limit))) === limit);
    }, logger);
    this.pruning = new PeriodicJob({ name: 'webhook log pruning', intervalMs: config.WEBHOOK_PRUNE_INTERVAL_MS }, async () => {
      const removed = await prune.execute(new PruneWebhookLogCommand(config.WEBHOOK_RETENTION_DAYS));
      if (removed.events + removed.deliveries > 0) logger.info(removed, 'old webhook events and deliveries removed');
    }, logger);
  }

  onApplicationBootstrap(): void {
    this.job.start();
    this.pruning.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.job.stop(), this.pruning.stop()]);
  }
}
