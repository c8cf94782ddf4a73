/** The usage API's shared parts: the read routes' query DTOs, validated by both the gateway and metering, the metric table (aggregation per metric, which ones the platform measures) shared by metering and billing. */
export { DEFAULT_ALERTS_LIMIT, MAX_ALERTS_LIMIT, METRIC_NAME, PROPERTY_NAME, USAGE_GRANULARITIES, UsageAlertsQueryDto, UsageQueryDto, UsageSummaryQueryDto } from './usage-query.dto';
export type { UsageGranularity } from './usage-query.dto';
export { ALL_SOURCES, SOURCE_NAMES, countedSourcesOf, sourceName, wireSource, AGGREGATIONS, BUILT_IN_METRICS, METRIC_NOT_WRITABLE, PLATFORM_MEASURED_METRICS, mayRecord, memberOf, metricDefinition } from './usage-metrics';
export type { Aggregation, MetricDefinition, SourceName } from './usage-metrics';
export { DefineMeterDto, MAX_GROUP_BY, MeterFieldsDto, MeterListDto, MeterViewDto } from './meter.dto';
