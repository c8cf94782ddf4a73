export { AnalyticsQueryCommand as GetUsageAnalyticsCommand } from '../analytics-range';
