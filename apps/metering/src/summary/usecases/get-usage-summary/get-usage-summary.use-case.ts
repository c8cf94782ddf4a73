/** Summarises one metric across tenants in the window of a period containing `at`: count, total, percentiles, top N and paged totals. */
import { Injectable } from '@nestjs/common';
import { Clock, invalidField } from '@tenantry/service';
import { MeterCatalogue } from '../../../meters/meter-catalogue';
import { sourceName } from '@tenantry/usage-api';
import { normalizeDecimal, windowStart } from '../../../billable-metrics/metric-catalogue';
import { TenantValueView, UsageSummaryView } from '../../dto/usage-summary-view.dto';
import { decodeSummaryCursor, encodeSummaryCursor } from '../../summary-cursor';
import { SummaryRepository } from '../../summary.repository';
import { TenantValue } from '../../usage-summary.row';
import { GetUsageSummaryCommand } from './get-usage-summary.command';

const toView = (entry: TenantValue): TenantValueView => ({ tenantId: entry.tenantId, value: normalizeDecimal(entry.value) });
const decimalOrNull = (value: string | null): string | null => (value === null ? null : normalizeDecimal(value));

@Injectable()
export class GetUsageSummaryUseCase {
  constructor(
    private readonly summary: SummaryRepository,
    private readonly clock: Clock,
    private readonly meters: MeterCatalogue,
  ) {}

  async execute(command: GetUsageSummaryCommand): Promise<UsageSummaryView> {
    await this.meters.ensure([command.metric]);
    if (!this.meters.get(command.metric)) throw invalidField('metric', `metric must be a meter key (GET /meters lists them): ${command.metric} is none`);
    const start = windowStart(command.period, command.at ?? this.clock.now());
    const listing = { metric: command.metric, period: command.period, windowStart: start };
    const after = command.cursor === undefined ? undefined : decodeSummaryCursor(command.cursor, listing);
    const figures = await this.summary.figures({ metric: command.metric, granularity: command.period, windowStart: start, top: command.top, limit: command.limit, after });

    const page = figures.page.slice(0, command.limit);
    const last = page.at(-1);
    const [p50, p90, p95, p99] = figures.percentiles.map(decimalOrNull);
    return {
      metric: command.metric,
      period: command.period,
      windowStart: start.toISOString(),
      tenants: figures.tenants,
      total: normalizeDecimal(figures.total),
      percentiles: { p50: p50 ?? null, p90: p90 ?? null, p95: p95 ?? null, p99: p99 ?? null, max: decimalOrNull(figures.max) },
      sources: figures.sources.map((entry) => ({ source: sourceName(entry.source), total: normalizeDecimal(entry.total) })),
      top: figures.top.map(toView),
      totals: page.map(toView),
      nextCursor: figures.page.length > command.limit && last ? encodeSummaryCursor(listing, last) : null,
    };
  }
}
