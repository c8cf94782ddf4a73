/** The usage read API's query DTOs, one set validated by both the gateway and metering. */
export { METRIC_NAME, USAGE_GRANULARITIES, UsageQueryDto, UsageSummaryQueryDto } from './usage-query.dto';
export type { UsageGranularity } from './usage-query.dto';
