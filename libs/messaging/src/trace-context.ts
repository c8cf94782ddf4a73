/** W3C trace context in and out of event headers, so one trace spans HTTP → outbox → Kafka → consumer. */
import { context, Context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';

export function captureTraceHeaders(): { traceparent?: string; tracestate?: string } {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return { traceparent: carrier['traceparent'], tracestate: carrier['tracestate'] };
}

export function contextFromHeaders(headers: { traceparent?: string; tracestate?: string }): Context {
  const carrier: Record<string, string> = {};
  if (headers.traceparent) carrier['traceparent'] = headers.traceparent;
  if (headers.tracestate) carrier['tracestate'] = headers.tracestate;
  return propagation.extract(ROOT_CONTEXT, carrier);
}

export function injectTraceHeaders(ctx: Context, headers: Record<string, string>): void {
  propagation.inject(ctx, headers);
}
