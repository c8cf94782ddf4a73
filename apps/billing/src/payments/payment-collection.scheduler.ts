/** Runs automatic collection every PAYMENT_COLLECTION_INTERVAL_MS (and at start), as of the injected clock. */
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Clock, LOGGER, PeriodicJob } from '@tenantry/service';
import type { Logger } from '@tenantry/observability';
import { BillingConfig } from '../billing.config';
import { CollectPaymentsCommand } from './usecases/collect-payments/collect-payments.command';
import { CollectPaymentsUseCase } from './usecases/collect-payments/collect-payments.use-case';

@Injectable()
export class PaymentCollectionScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(collect: CollectPaymentsUseCase, clock: Clock, config: BillingConfig, @Inject(LOGGER) logger: Logger) {
    this.job = new PeriodicJob({ name: 'payment collection', intervalMs: config.PAYMENT_COLLECTION_INTERVAL_MS }, async () => {
      const started = await collect.execute(new CollectPaymentsCommand(clock.now()));
      if (started > 0) logger.info({ started }, 'automatic collection started charges');
    }, logger);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }
}
