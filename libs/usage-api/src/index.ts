/** The usage API's shared parts: the read routes' query DTOs, validated by both the gateway and metering, and which metrics clients may write. */
export { METRIC_NAME, USAGE_GRANULARITIES, UsageQueryDto, UsageSummaryQueryDto } from './usage-query.dto';
export type { UsageGranularity } from './usage-query.dto';
export { METRIC_NOT_WRITABLE, PLATFORM_MEASURED_METRICS } from './usage-metrics';
