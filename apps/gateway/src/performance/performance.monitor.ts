/**
 * Feeds every answered call into its tenant's window and, shortly after each window ends, reports
 * the degraded ones. A report that fails is retried with the next pass.
 */
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from '@tenantry/observability';
import { Clock, LOGGER, PeriodicJob } from '@tenantry/service';
import { attributeRequest, TrafficObserver } from '../api-usage';
import { GatewayConfig } from '../gateway.config';
import { PerformanceThresholds, PerformanceWindows } from './performance-windows';
import { ReportPerformanceCommand } from './usecases/report-performance/report-performance.command';
import { ReportPerformanceUseCase } from './usecases/report-performance/report-performance.use-case';

/** How often ended windows are looked for: a second, or a fifth of a short window. */
const MAX_CHECK_MS = 1_000;

@Injectable()
export class PerformanceMonitor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly windows: PerformanceWindows;
  private readonly thresholds: PerformanceThresholds;
  private readonly job: PeriodicJob;

  constructor(
    traffic: TrafficObserver,
    private readonly report: ReportPerformanceUseCase,
    private readonly clock: Clock,
    config: GatewayConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.windows = new PerformanceWindows(config.PERFORMANCE_WINDOW_MS);
    this.thresholds = { minRequests: config.PERFORMANCE_MIN_REQUESTS, p95Ms: config.PERFORMANCE_P95_THRESHOLD_MS, errorRate: config.PERFORMANCE_ERROR_RATE_THRESHOLD };
    const intervalMs = Math.min(MAX_CHECK_MS, Math.floor(config.PERFORMANCE_WINDOW_MS / 5));
    this.job = new PeriodicJob({ name: 'performance windows', intervalMs, runAtStart: false }, () => this.closeEnded(), logger);
    traffic.subscribe((call) => {
      const tenantId = attributeRequest(call.request);
      if (tenantId !== undefined) this.windows.observe(tenantId, call.elapsedMs, call.status, this.clock.now());
    });
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  private async closeEnded(): Promise<void> {
    const now = this.clock.now();
    const ended = this.windows.close(now);
    if (ended.length === 0) return;
    try {
      await this.report.execute(new ReportPerformanceCommand(ended, this.thresholds, now));
    } catch (error) {
      this.windows.restore(ended);
      throw error;
    }
  }
}
