// Checks that the CloudEvents envelope survives Kafka headers and that a bad envelope is refused by header name.
import { CE_HEADERS, EnvelopeError, EventMetadata, fromKafkaHeaders, RawHeaders, toKafkaHeaders } from './envelope';

const FULL: EventMetadata = {
  id: '0b7d4a52-33c1-4d4e-9a3e-1f0a3c2b9d11',
  type: 'TenantCreated',
  source: '/tenantry/tenant-registry',
  time: '2026-01-15T10:20:30.000Z',
  schemaVersion: 1,
  tenantId: '6f1c2e0a-8d47-4b8e-b1b5-2a9b7d1c4e55',
  correlationId: 'corr-42',
  causationId: 'cause-41',
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  tracestate: 'tenantry=1',
};

const MINIMAL: EventMetadata = {
  id: '9e0d3f6b-1c2a-4b5d-8e7f-0a1b2c3d4e5f',
  type: 'MaintenanceScheduled',
  source: '/tenantry/gateway',
  time: '2026-01-15T10:20:30.000Z',
  schemaVersion: 1,
};

/** Headers as kafkajs hands them to a consumer: every value a Buffer. */
function delivered(headers: Record<string, string>): RawHeaders {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Buffer.from(value, 'utf8')]));
}

function withHeader(name: string, value: string | undefined): RawHeaders {
  const headers: RawHeaders = delivered(toKafkaHeaders(FULL));
  if (value === undefined) delete headers[name];
  else headers[name] = Buffer.from(value, 'utf8');
  return headers;
}

function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected an EnvelopeError, nothing was thrown');
}

describe(toKafkaHeaders.name, () => {
  const sut = toKafkaHeaders;

  it('writes the CloudEvents binary-mode attributes as ce_* headers', () => {
    expect(sut(FULL)).toEqual({
      ce_specversion: '1.0',
      ce_id: FULL.id,
      ce_source: FULL.source,
      ce_type: 'TenantCreated',
      ce_time: FULL.time,
      ce_schemaversion: '1',
      'content-type': 'application/json',
      ce_tenantid: FULL.tenantId,
      ce_correlationid: 'corr-42',
      ce_causationid: 'cause-41',
      traceparent: FULL.traceparent,
      tracestate: 'tenantry=1',
    });
  });

  it('leaves out the optional attributes an event does not have', () => {
    expect(Object.keys(sut(MINIMAL)).sort()).toEqual(
      [CE_HEADERS.specversion, CE_HEADERS.id, CE_HEADERS.source, CE_HEADERS.type, CE_HEADERS.time, CE_HEADERS.schemaVersion, CE_HEADERS.contentType].sort(),
    );
  });
});

describe(fromKafkaHeaders.name, () => {
  const sut = fromKafkaHeaders;

  it.each([
    ['every attribute', FULL],
    ['only the required attributes', MINIMAL],
  ])('reads back what toKafkaHeaders wrote, with %s, from Buffer values', (_label, meta) => {
    expect(sut(delivered(toKafkaHeaders(meta)))).toEqual(meta);
  });

  it('reads string values and the first of repeated values', () => {
    const headers: RawHeaders = { ...toKafkaHeaders(FULL), [CE_HEADERS.correlationId]: [Buffer.from('first'), Buffer.from('second')] };
    expect(sut(headers)).toEqual({ ...FULL, correlationId: 'first' });
  });

  it.each([CE_HEADERS.id, CE_HEADERS.source, CE_HEADERS.time, CE_HEADERS.type, CE_HEADERS.specversion, CE_HEADERS.schemaVersion])(
    'refuses an envelope without %s, naming it',
    (name) => {
      const error = errorOf(() => sut(withHeader(name, undefined)));
      expect(error).toBeInstanceOf(EnvelopeError);
      expect((error as EnvelopeError).message).toBe(`missing header ${name}`);
    },
  );

  it('refuses an empty ce_id', () => {
    expect(() => sut(withHeader(CE_HEADERS.id, ''))).toThrow(new EnvelopeError('missing header ce_id'));
  });

  it('refuses a ce_type that is not in the catalogue, naming the header', () => {
    const error = errorOf(() => sut(withHeader(CE_HEADERS.type, 'TenantExploded')));
    expect(error).toBeInstanceOf(EnvelopeError);
    expect((error as EnvelopeError).message).toBe('unknown ce_type TenantExploded');
  });

  it('refuses a ce_type that only exists on Object.prototype', () => {
    expect(() => sut(withHeader(CE_HEADERS.type, 'toString'))).toThrow(new EnvelopeError('unknown ce_type toString'));
  });

  it('refuses another CloudEvents spec version, naming the header', () => {
    const error = errorOf(() => sut(withHeader(CE_HEADERS.specversion, '0.3')));
    expect(error).toBeInstanceOf(EnvelopeError);
    expect((error as EnvelopeError).message).toBe('unsupported ce_specversion 0.3');
  });

  it.each(['0', '-1', '1.5', 'one'])('refuses ce_schemaversion %s', (value) => {
    expect(() => sut(withHeader(CE_HEADERS.schemaVersion, value))).toThrow(new EnvelopeError('ce_schemaversion must be a positive integer'));
  });

  it('refuses a message without headers', () => {
    expect(() => sut(undefined)).toThrow(new EnvelopeError('missing header ce_specversion'));
  });
});
