export { createLogger } from './logger';
export type { Logger } from './logger';
export { ServiceMetrics } from './metrics';
export { currentContext, enterContext, runWithContext } from './request-context';
export type { RequestContext } from './request-context';
export { TelemetryConfig } from './telemetry-config';
