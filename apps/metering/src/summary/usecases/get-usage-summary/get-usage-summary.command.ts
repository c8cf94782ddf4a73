/** Which metric and window to summarise across tenants, and which page of the totals. */
import { Granularity } from '../../../billable-metrics/metric-catalogue';

export class GetUsageSummaryCommand {
  constructor(
    readonly metric: string,
    readonly period: Granularity,
    readonly at: Date | undefined,
    readonly top: number,
    readonly limit: number,
    readonly cursor: string | undefined,
  ) {}
}
