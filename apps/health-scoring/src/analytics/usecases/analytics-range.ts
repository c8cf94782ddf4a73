/** The query of every analytics request, checked beyond its DTO: `to` not before `from`, at most MAX_ANALYTICS_DAYS days. */
import { MAX_ANALYTICS_DAYS } from '@tenantry/health-api';
import { invalidField } from '@tenantry/service';
import { daysBetween } from '../analytics-rules';
import { AnalyticsRange } from '../analytics.repository';

export function checkedRange(from: string, to: string, plan: string | undefined): AnalyticsRange {
  if (to < from) throw invalidField('to', `to (${to}) must not be before from (${from})`);
  const days = daysBetween(from, to);
  if (days > MAX_ANALYTICS_DAYS) throw invalidField('to', `A request covers at most ${MAX_ANALYTICS_DAYS} days; ${from} to ${to} is ${days}`);
  return { from, to, plan: plan ?? null };
}

export class AnalyticsQueryCommand {
  constructor(
    readonly from: string,
    readonly to: string,
    readonly plan: string | undefined,
  ) {}
}
