/** W3C trace context in and out of event headers, so one trace spans HTTP → outbox → Kafka → consumer. */
import { Attributes, context, Context, propagation, ROOT_CONTEXT, Span, SpanKind, trace } from '@opentelemetry/api';

const tracer = trace.getTracer('@tenantry/messaging');

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

/** The span of one message going out (`publish`) or being handled (`process`), under `parent`. */
export function startMessageSpan(operation: 'publish' | 'process', message: { topic: string; id: string; type: string }, parent: Context, attributes: Attributes = {}): Span {
  return tracer.startSpan(
    `${message.topic} ${operation}`,
    {
      kind: operation === 'publish' ? SpanKind.PRODUCER : SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.destination.name': message.topic,
        'messaging.message.id': message.id,
        ...attributes,
        'cloudevents.event_type': message.type,
      },
    },
    parent,
  );
}
