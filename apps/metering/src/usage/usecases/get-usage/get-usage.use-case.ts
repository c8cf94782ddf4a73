/** Reads a tenant's usage series at one granularity and its usage in the current billing month (UTC calendar month) against its limits. */
import { Injectable } from '@nestjs/common';
import { tenantScope } from '@tenantry/persistence';
import { Clock, invalidField } from '@tenantry/service';
import { sourceName } from '@tenantry/usage-api';
import { Granularity, normalizeDecimal, windowStart } from '../../../billable-metrics/metric-catalogue';
import { Meter } from '../../../meters/meter';
import { MeterCatalogue } from '../../../meters/meter-catalogue';
import { COUNTED, PeriodFigure } from '../../usage-event.row';
import { LimitsRepository } from '../../../limits/limits.repository';
import { TenantLimit } from '../../../limits/tenant-limit.row';
import { TenantProjectionRepository } from '../../../tenants/tenant-projection.repository';
import { CurrentUsageView, UsageView } from '../../dto/usage-view.dto';
import { tenantNotFound } from '../../usage.problems';
import { UsageRepository } from '../../usage.repository';
import { GetUsageCommand } from './get-usage.command';

const DAY_MS = 86_400_000;
/** How far back a query without `from` reaches. */
const DEFAULT_SPAN_MS: Record<Granularity, number> = { hour: 2 * DAY_MS, day: 31 * DAY_MS, month: 366 * DAY_MS };

@Injectable()
export class GetUsageUseCase {
  constructor(
    private readonly tenants: TenantProjectionRepository,
    private readonly usage: UsageRepository,
    private readonly limits: LimitsRepository,
    private readonly clock: Clock,
    private readonly meters: MeterCatalogue,
  ) {}

  async execute(command: GetUsageCommand): Promise<UsageView> {
    const scope = tenantScope(command.tenantId);
    if (!(await this.tenants.status(scope))) throw tenantNotFound(command.tenantId);
    const now = this.clock.now();
    const to = command.to ?? now;
    const from = windowStart(command.granularity, command.from ?? new Date(to.getTime() - DEFAULT_SPAN_MS[command.granularity]));
    if (from.getTime() >= to.getTime()) throw invalidField('from', 'must be before to');

    // Totals first, then the series: the two reads are not one snapshot, and read in this order the
    // series is never behind the totals shown with it (a batch committed in between shows up in the
    // series only, and the next read catches the totals up).
    const periodStart = windowStart('month', now);
    if (command.groupBy !== undefined) {
      const meter = command.metric === undefined ? undefined : this.meters.get(command.metric);
      if (!meter) throw invalidField('metric', 'groupBy needs the metric of a meter');
      if (!meter.groupBy.includes(command.groupBy)) throw invalidField('groupBy', `must be one of the group-by properties of ${meter.key}: ${meter.groupBy.join(', ') || 'none'}`);
    }
    const figures = new Map<string, PeriodFigure[]>();
    for (const figure of await this.usage.currentPeriod({ ...scope, periodStart, metric: command.metric, groupBy: command.groupBy })) {
      figures.set(figure.metric, [...(figures.get(figure.metric) ?? []), figure]);
    }
    const points = await this.usage.series({ ...scope, granularity: command.granularity, from, to, metric: command.metric });
    const series = new Map<string, { windowStart: string; value: string }[]>();
    for (const point of points) {
      const list = series.get(point.metric) ?? [];
      list.push({ windowStart: point.windowStart.toISOString(), value: normalizeDecimal(point.value) });
      series.set(point.metric, list);
    }

    const limits = new Map((await this.limits.forTenant(scope)).map((limit) => [limit.metric, limit]));
    const builtIn = this.meters.all().filter((meter) => meter.builtIn).map((meter) => meter.key);
    const metrics = command.metric ? [command.metric] : [...new Set([...builtIn, ...figures.keys()])];
    return {
      tenantId: command.tenantId,
      granularity: command.granularity,
      series: [...series.entries()].map(([metric, list]) => ({ metric, points: list })),
      current: metrics.map((metric) => {
        const all = figures.get(metric) ?? [];
        const counted = all.find((figure) => figure.source === COUNTED && figure.groupKey === '');
        const view = currentUsage(metric, periodStart, counted ? normalizeDecimal(counted.value) : '0', limits.get(metric));
        return { ...view, ...breakdown(this.meters.get(metric), all, command.groupBy) };
      }),
    };
  }
}

/** The per-source figures of a metric (every source, whether it counts or not) and its group-by figures when asked for. */
function breakdown(meter: Meter | undefined, figures: readonly PeriodFigure[], groupBy: string | undefined): Pick<CurrentUsageView, 'countedSources' | 'sources' | 'groups'> {
  const countedSources = (meter?.countedSources ?? []).map(sourceName);
  const sources = figures
    .filter((figure) => figure.source !== COUNTED && figure.groupKey === '')
    .map((figure) => ({ source: sourceName(figure.source), value: normalizeDecimal(figure.value), counted: countedSources.includes(sourceName(figure.source)) }))
    .sort((a, b) => a.source.localeCompare(b.source));
  if (groupBy === undefined) return { countedSources, sources };
  const groups = figures
    .filter((figure) => figure.source === COUNTED && figure.groupKey.startsWith(`${groupBy}=`))
    .map((figure) => ({ [groupBy]: figure.groupKey.slice(groupBy.length + 1), value: normalizeDecimal(figure.value) }));
  return { countedSources, sources, groups };
}

export function currentUsage(metric: string, periodStart: Date, value: string, limit: TenantLimit | undefined): CurrentUsageView {
  const base = { metric, periodStart: periodStart.toISOString(), value };
  if (!limit) return { ...base, limit: null, mode: null, percentUsed: null };
  const cap = Number(limit.limit);
  const percentUsed = cap > 0 ? Math.round((Number(value) / cap) * 10_000) / 100 : null;
  return { ...base, limit: normalizeDecimal(limit.limit), mode: limit.mode, percentUsed };
}
