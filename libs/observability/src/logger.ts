/** pino JSON logs carrying the service, trace id, span id and tenant id of whatever is running. */
import { trace } from '@opentelemetry/api';
import pino, { Logger } from 'pino';
import { currentContext } from './request-context';

export type { Logger } from 'pino';

export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const span = trace.getActiveSpan()?.spanContext();
      const context = currentContext();
      return {
        ...(span ? { trace_id: span.traceId, span_id: span.spanId } : {}),
        ...(context.tenantId ? { tenant_id: context.tenantId } : {}),
        ...(context.requestId ? { request_id: context.requestId } : {}),
      };
    },
  });
}
