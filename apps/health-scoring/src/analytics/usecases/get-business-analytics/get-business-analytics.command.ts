export { AnalyticsQueryCommand as GetBusinessAnalyticsCommand } from '../analytics-range';
