/** Query of the cross-tenant usage summary: the shared rules, with `metric` narrowed to the metrics metering knows. */
import { IsIn } from 'class-validator';
import { UsageSummaryQueryDto as SharedUsageSummaryQueryDto } from '@tenantry/usage-api';
import { BUILT_IN_METRICS } from '../../billable-metrics/metric-catalogue';

const SUMMARY_METRICS = BUILT_IN_METRICS.map((metric) => metric.name);

export class UsageSummaryQueryDto extends SharedUsageSummaryQueryDto {}

// Added to the inherited field rather than redeclaring it (a redeclared class field would shadow it).
IsIn(SUMMARY_METRICS, { message: `metric must be one of: ${SUMMARY_METRICS.join(', ')}` })(UsageSummaryQueryDto.prototype, 'metric');
