/** Which tenant's usage to read, over which windows. */
import { Granularity } from '../../../billable-metrics/metric-catalogue';

export class GetUsageCommand {
  constructor(
    readonly tenantId: string,
    readonly granularity: Granularity,
    readonly from?: Date,
    readonly to?: Date,
    readonly metric?: string,
    readonly groupBy?: string,
  ) {}
}
