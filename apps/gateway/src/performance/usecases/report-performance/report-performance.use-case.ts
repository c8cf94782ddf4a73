/** Publishes one TenantPerformanceDegraded per ended window of a known tenant that crossed a threshold, through the outbox. */
import { Injectable } from '@nestjs/common';
import { OutboundEvent, OutboxWriter } from '@tenantry/messaging';
import { Transactions } from '@tenantry/persistence';
import { KnownTenantsRepository } from '../../../api-usage';
import { judgeWindow } from '../../performance-windows';
import { ReportPerformanceCommand } from './report-performance.command';

@Injectable()
export class ReportPerformanceUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly outbox: OutboxWriter,
    private readonly tenants: KnownTenantsRepository,
  ) {}

  async execute(command: ReportPerformanceCommand): Promise<{ reported: number }> {
    const degraded = command.windows.flatMap((window) => {
      const verdict = judgeWindow(window, command.thresholds);
      return verdict.degraded ? [{ window, verdict }] : [];
    });
    if (degraded.length === 0) return { reported: 0 };
    return this.transactions.run(async (tx) => {
      const known = await this.tenants.known(tx, [...new Set(degraded.map(({ window }) => window.tenantId))]);
      const events = degraded
        .filter(({ window }) => known.has(window.tenantId))
        .map(
          ({ window, verdict }): OutboundEvent => ({
            type: 'TenantPerformanceDegraded',
            payload: {
              tenantId: window.tenantId,
              windowStart: window.windowStart.toISOString(),
              p95Ms: verdict.p95Ms,
              errorRate: verdict.errorRate,
              requests: window.requests,
              at: command.at.toISOString(),
            },
          }),
        );
      await this.outbox.publishMany(tx, events);
      return { reported: events.length };
    });
  }
}
