// The one envelope of outgoing events: source, ids, key and topic from the catalogue, correlation and trace from the request.
import { context, propagation, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { PayloadValidationError, TOPICS, UsageRecordedPayload } from '@tenantry/contracts';
import { runWithContext } from '@tenantry/observability';
import { EnvelopeBuilder } from './envelope-builder';

const TENANT = '6f1c2e0a-8d47-4b8e-b1b5-2a9b7d1c4e55';
const USAGE: UsageRecordedPayload = { tenantId: TENANT, eventId: 'e-1', metric: 'api_calls', quantity: '3', timestamp: '2026-11-28T10:00:00.000Z', source: 'api' };
const SPAN = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED };

describe(EnvelopeBuilder.name, () => {
  const sut = new EnvelopeBuilder('metering');

  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  });
  afterAll(() => {
    propagation.disable();
    context.disable();
  });

  it('names the service as ce_source and takes topic, key and tenant from the catalogue', () => {
    const envelope = sut.envelope('UsageRecorded', USAGE, sut.context());
    expect(envelope).toMatchObject({ topic: TOPICS.METERING_USAGE.name, key: TENANT });
    expect(envelope.headers).toMatchObject({ ce_source: '/tenantry/metering', ce_type: 'UsageRecorded', ce_tenantid: TENANT, ce_id: envelope.id, ce_schemaversion: '1' });
  });

  it('carries the correlation id, cause and trace of the request it is published in', () => {
    const active = trace.setSpanContext(context.active(), SPAN);
    const taken = context.with(active, () => runWithContext({ requestId: 'req-7', causationId: 'evt-6' }, () => sut.context()));
    expect(sut.envelope('UsageRecorded', USAGE, taken).headers).toMatchObject({
      ce_correlationid: 'req-7',
      ce_causationid: 'evt-6',
      traceparent: `00-${SPAN.traceId}-${SPAN.spanId}-01`,
    });
  });

  it('gives every event its own id, unless one is given', () => {
    const shared = sut.context();
    const [first, second] = [sut.envelope('UsageRecorded', USAGE, shared), sut.envelope('UsageRecorded', USAGE, shared)];
    expect(first.id).not.toBe(second.id);
    expect(sut.envelope('UsageRecorded', USAGE, shared, { id: 'fixed' }).headers['ce_id']).toBe('fixed');
  });

  it('refuses a payload that does not fit its event', () => {
    expect(() => sut.envelope('UsageRecorded', { ...USAGE, quantity: '-1' }, sut.context())).toThrow(PayloadValidationError);
  });
});
