// Checks that consumers accept well-formed payloads, tolerate added fields, and refuse bad ones by field path.
import { TenantCreatedPayload } from './events/tenant-lifecycle.event';
import { TenantDomain } from './events/shared.payload';
import { PayloadValidationError, validatePayload } from './validate-payload';

const TENANT_CREATED = {
  tenantId: '6f1c2e0a-8d47-4b8e-b1b5-2a9b7d1c4e55',
  slug: 'acme',
  name: 'Acme Ltd',
  domain: { type: 'subdomain', value: 'acme.tenantry.local', ssl: true },
  plan: { id: 'pro', trial: true, duration: 14 },
  adminEmail: 'admin@acme.example',
  configuration: { theme: 'light', language: 'en-GB', timezone: 'Europe/London', currency: 'GBP' },
  resources: { storage: 50, bandwidth: 500, users: 25 },
  createdAt: '2026-01-15T10:20:30.000Z',
};

const USAGE_RECORDED = {
  tenantId: '6f1c2e0a-8d47-4b8e-b1b5-2a9b7d1c4e55',
  eventId: 'evt-0001',
  metric: 'api_calls',
  quantity: '12.5',
  timestamp: '2026-01-15T10:20:30.000Z',
  source: 'api',
};

function errorOf(run: () => unknown): PayloadValidationError {
  try {
    run();
  } catch (error: unknown) {
    if (error instanceof PayloadValidationError) return error;
    throw error;
  }
  throw new Error('expected a PayloadValidationError, the payload was accepted');
}

/** The field paths a validation error names, each once. */
function paths(error: PayloadValidationError): string[] {
  return [...new Set(error.problems.map((problem) => problem.slice(0, problem.indexOf(':'))))].sort();
}

describe(validatePayload.name, () => {
  const sut = validatePayload;

  it('accepts a valid TenantCreated and returns it with its nested value objects', () => {
    const payload = sut('TenantCreated', TENANT_CREATED);
    expect(payload).toBeInstanceOf(TenantCreatedPayload);
    expect(payload.domain).toBeInstanceOf(TenantDomain);
    expect(payload).toEqual(expect.objectContaining({ slug: 'acme', domain: expect.objectContaining({ type: 'subdomain', ssl: true }) }));
  });

  it('accepts a TenantCreated whose optional plan duration is absent', () => {
    const { duration: _duration, ...plan } = TENANT_CREATED.plan;
    expect(sut('TenantCreated', { ...TENANT_CREATED, plan }).plan.duration).toBeUndefined();
  });

  it('accepts a valid UsageRecorded, with or without its optional properties', () => {
    // UsageRecorded is checked by hand (checkUsageRecorded, the hot path) and comes back as the plain object.
    expect(sut('UsageRecorded', USAGE_RECORDED)).toEqual(USAGE_RECORDED);
    expect(sut('UsageRecorded', { ...USAGE_RECORDED, properties: { region: 'eu', cpu: 2, burst: false } }).properties).toEqual({
      region: 'eu',
      cpu: 2,
      burst: false,
    });
  });

  it('tolerates fields it does not know, at the top and inside nested objects', () => {
    const newer = { ...TENANT_CREATED, region: 'eu-west', domain: { ...TENANT_CREATED.domain, verifiedAt: '2026-01-16T00:00:00Z' } };
    expect(sut('TenantCreated', newer).slug).toBe('acme');
    expect(sut('UsageRecorded', { ...USAGE_RECORDED, unit: 'call' }).quantity).toBe('12.5');
  });

  it('names every bad field of a TenantCreated by its path', () => {
    const bad = {
      ...TENANT_CREATED,
      tenantId: 'not-a-uuid',
      domain: { ...TENANT_CREATED.domain, type: 'wildcard' },
      plan: { ...TENANT_CREATED.plan, duration: 0 },
      resources: { ...TENANT_CREATED.resources, users: 2.5 },
    };
    const error = errorOf(() => sut('TenantCreated', bad));
    expect(paths(error)).toEqual(['domain.type', 'plan.duration', 'resources.users', 'tenantId']);
    expect(error.eventType).toBe('TenantCreated');
    expect(error.message).toMatch(/^invalid TenantCreated payload: .*domain\.type: /);
  });

  it('names a missing field', () => {
    const { adminEmail: _adminEmail, ...withoutEmail } = TENANT_CREATED;
    expect(paths(errorOf(() => sut('TenantCreated', withoutEmail)))).toEqual(['adminEmail']);
  });

  it('names a nested object that is not an object', () => {
    expect(paths(errorOf(() => sut('TenantCreated', { ...TENANT_CREATED, domain: 'acme.example' })))).toEqual(['domain']);
  });

  it('names a missing nested object', () => {
    const { domain: _domain, ...withoutDomain } = TENANT_CREATED;
    expect(paths(errorOf(() => sut('TenantCreated', withoutDomain)))).toEqual(['domain']);
  });

  it.each([
    ['a negative quantity', { quantity: '-1' }, ['quantity']],
    ['a quantity in exponent notation', { quantity: '1e3' }, ['quantity']],
    ['a quantity sent as a number', { quantity: 12.5 }, ['quantity']],
    ['an unknown source and a bad timestamp', { source: 'ftp', timestamp: 'yesterday' }, ['source', 'timestamp']],
    ['a metric with capitals', { metric: 'ApiCalls' }, ['metric']],
  ])('names the bad field of a UsageRecorded with %s', (_label, change, expected) => {
    expect(paths(errorOf(() => sut('UsageRecorded', { ...USAGE_RECORDED, ...change })))).toEqual(expected);
  });

  it('names the index of a bad item in an array of nested objects', () => {
    const limits = [
      { metric: 'api_calls', limit: '1000', mode: 'hard' },
      { metric: 'storage_bytes', limit: '10', mode: 'strict' },
    ];
    const payload = { tenantId: TENANT_CREATED.tenantId, limits, version: 2, at: '2026-01-15T10:20:30.000Z' };
    expect(paths(errorOf(() => sut('TenantLimitsChanged', payload)))).toEqual(['limits.1.mode']);
  });

  it.each([
    ['null', null],
    ['a string', '{"tenantId":"x"}'],
    ['a number', 42],
    ['an array', [TENANT_CREATED]],
    ['undefined', undefined],
  ])('refuses %s as a payload', (_label, value) => {
    expect(errorOf(() => sut('TenantCreated', value)).problems).toEqual(['payload must be a JSON object']);
  });
});
