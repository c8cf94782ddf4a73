/**
 * Every API_USAGE_SAMPLE_INTERVAL_MS, and once more on shutdown, publishes the counts collected
 * since the last sample. A sample that fails is given back to the counters for the next one.
 */
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Logger } from '@tenantry/observability';
import { Clock, LOGGER, PeriodicJob } from '@tenantry/service';
import { GatewayConfig } from '../gateway.config';
import { ApiUsageCounters } from './api-usage-counters';
import { PublishApiUsageCommand } from './usecases/publish-api-usage/publish-api-usage.command';
import { PublishApiUsageUseCase } from './usecases/publish-api-usage/publish-api-usage.use-case';

@Injectable()
export class ApiUsageSampler implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(
    private readonly counters: ApiUsageCounters,
    private readonly publish: PublishApiUsageUseCase,
    private readonly clock: Clock,
    config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.job = new PeriodicJob({ name: 'api usage sampling', intervalMs: config.API_USAGE_SAMPLE_INTERVAL_MS, runAtStart: false }, () => this.flush(), logger);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  /**
   * The last sample is written here, before the chassis stops the outbox relay (global modules'
   * shutdown hooks run first), so it is published now rather than at the next start.
   */
  async onModuleDestroy(): Promise<void> {
    await this.job.stop();
    await this.flushOnShutdown();
  }

  /** Calls answered since onModuleDestroy: written to the outbox, published by the next relay to run. */
  beforeApplicationShutdown(): Promise<void> {
    return this.flushOnShutdown();
  }

  private flushOnShutdown(): Promise<void> {
    return this.flush().catch((error: unknown) => this.logger.error({ err: error }, 'api usage could not be written on shutdown'));
  }

  async flush(): Promise<void> {
    const sample = this.counters.take(this.clock.now());
    if (sample.counts.length === 0) return;
    try {
      await this.publish.execute(new PublishApiUsageCommand(sample));
    } catch (error) {
      this.counters.restore(sample);
      throw error;
    }
  }
}
