// Holds the event catalogue to the committed payload baseline, and proves each compatibility rule can fail.
import { EVENT_NAMES } from '@tenantry/contracts';
import { breakingChanges, EventContract, JsonSchema, PayloadSnapshot, snapshotPayloads } from './compatibility';
import { BASELINE_PATH, currentDocument, readBaseline } from './generate';

const REGENERATE = `regenerate ${BASELINE_PATH} with \`npm run build && node dist/tools/asyncapi/generate.js --baseline\``;

function object(properties: Record<string, JsonSchema>, required: string[] = Object.keys(properties)): JsonSchema {
  return { type: 'object', properties, required, additionalProperties: true };
}

function snapshot(events: Record<string, EventContract>): PayloadSnapshot {
  return { events };
}

const UUID: JsonSchema = { type: 'string', format: 'uuid' };
const DOMAIN_TYPE: JsonSchema = { type: 'string', enum: ['subdomain', 'custom'] };

/** A TenantCreated-like payload: a nested object, an optional field, an enum and an array of objects. */
function tenantCreated(changes: { domain?: Record<string, JsonSchema>; top?: Record<string, JsonSchema>; required?: string[] } = {}): EventContract {
  const domain = object(changes.domain ?? { type: DOMAIN_TYPE, value: { type: 'string' } });
  const limits: JsonSchema = { type: 'array', items: object({ metric: { type: 'string' }, mode: { type: 'string', enum: ['soft', 'hard'] } }) };
  const top = changes.top ?? { tenantId: UUID, domain, limits, note: { type: 'string' } };
  return { version: 1, payload: object(top, changes.required ?? ['tenantId', 'domain', 'limits']) };
}

describe(breakingChanges.name, () => {
  const sut = breakingChanges;

  describe('against the committed baseline', () => {
    const baseline = readBaseline();
    const current = snapshotPayloads(currentDocument());

    it('finds the baseline', () => {
      expect(baseline === undefined ? `${BASELINE_PATH} is missing: ${REGENERATE}` : 'present').toBe('present');
    });

    it('finds no breaking change in the current catalogue', () => {
      expect(sut(baseline ?? snapshot({}), current)).toEqual([]);
    });

    it('records every catalogue event at its current version', () => {
      const missing = EVENT_NAMES.filter((name) => baseline?.events[name]?.version !== current.events[name]?.version);
      expect(missing.length === 0 ? 'complete' : `not in the baseline at their current version: ${missing.join(', ')}; ${REGENERATE}`).toBe(
        'complete',
      );
    });
  });

  it('accepts identical contracts', () => {
    expect(sut(snapshot({ TenantCreated: tenantCreated() }), snapshot({ TenantCreated: tenantCreated() }))).toEqual([]);
  });

  it('accepts a new optional field, a new enum value and a new event', () => {
    const widened = tenantCreated({
      domain: { type: { type: 'string', enum: ['subdomain', 'custom', 'wildcard'] }, value: { type: 'string' }, ssl: { type: 'boolean' } },
    });
    const baseline = snapshot({ TenantCreated: tenantCreated() });
    const current = snapshot({ TenantCreated: { ...widened, payload: { ...widened.payload } }, TenantArchived: tenantCreated() });
    (current.events['TenantCreated']?.payload['properties'] as Record<string, JsonSchema>)['region'] = { type: 'string' };
    expect(sut(baseline, current)).toEqual([]);
  });

  it('reports an event that left the catalogue', () => {
    expect(sut(snapshot({ TenantCreated: tenantCreated() }), snapshot({}))).toEqual(['TenantCreated: event was removed from the catalogue']);
  });

  it('reports a removed field, top-level or nested', () => {
    const withoutNote = tenantCreated({
      top: { tenantId: UUID, domain: object({ type: DOMAIN_TYPE }, ['type']), limits: tenantCreated().payload['properties'] as JsonSchema },
    });
    const problems = sut(snapshot({ TenantCreated: tenantCreated() }), snapshot({ TenantCreated: withoutNote }));
    expect(problems).toEqual(expect.arrayContaining(['TenantCreated: field domain.value was removed', 'TenantCreated: field note was removed']));
  });

  it('reports an optional field that became required', () => {
    const current = tenantCreated({ required: ['tenantId', 'domain', 'limits', 'note'] });
    expect(sut(snapshot({ TenantCreated: tenantCreated() }), snapshot({ TenantCreated: current }))).toEqual([
      'TenantCreated: optional field note became required',
    ]);
  });

  it('reports a new required field', () => {
    const current = tenantCreated({ domain: { type: DOMAIN_TYPE, value: { type: 'string' }, ssl: { type: 'boolean' } } });
    expect(sut(snapshot({ TenantCreated: tenantCreated() }), snapshot({ TenantCreated: current }))).toEqual([
      'TenantCreated: new required field domain.ssl',
    ]);
  });

  it('reports a changed type', () => {
    const current = tenantCreated({ domain: { type: DOMAIN_TYPE, value: { type: 'integer' } } });
    expect(sut(snapshot({ TenantCreated: tenantCreated() }), snapshot({ TenantCreated: current }))).toEqual([
      'TenantCreated: field domain.value changed type from string to integer',
    ]);
  });

  it('reports a changed format', () => {
    const baseline = snapshot({ UsageRecorded: { version: 1, payload: object({ timestamp: { type: 'string', format: 'date-time' } }) } });
    const current = snapshot({ UsageRecorded: { version: 1, payload: object({ timestamp: { type: 'string', format: 'date' } }) } });
    expect(sut(baseline, current)).toEqual(['UsageRecorded: field timestamp changed format from date-time to date']);
  });

  it('reports enum values that are no longer accepted', () => {
    const current = tenantCreated({ domain: { type: { type: 'string', enum: ['subdomain'] }, value: { type: 'string' } } });
    expect(sut(snapshot({ TenantCreated: tenantCreated() }), snapshot({ TenantCreated: current }))).toEqual([
      'TenantCreated: field domain.type no longer accepts ["custom"]',
    ]);
  });

  it('reports an enum put on a field that was free', () => {
    const current = tenantCreated({ domain: { type: DOMAIN_TYPE, value: { type: 'string', enum: ['example.com'] } } });
    expect(sut(snapshot({ TenantCreated: tenantCreated() }), snapshot({ TenantCreated: current }))).toEqual([
      'TenantCreated: field domain.value is now restricted to ["example.com"]',
    ]);
  });

  it('looks inside array items', () => {
    const baseline = tenantCreated();
    const properties = { ...(baseline.payload['properties'] as Record<string, JsonSchema>) };
    properties['limits'] = { type: 'array', items: object({ metric: { type: 'string' }, mode: { type: 'string', enum: ['hard'] } }) };
    const current: EventContract = { version: 1, payload: { ...baseline.payload, properties } };
    expect(sut(snapshot({ TenantCreated: baseline }), snapshot({ TenantCreated: current }))).toEqual([
      'TenantCreated: field limits[].mode no longer accepts ["soft"]',
    ]);
  });

  it('leaves an event alone once its schema version went up, but not down', () => {
    const changed = tenantCreated({ required: ['tenantId', 'domain', 'limits', 'note'] });
    expect(sut(snapshot({ TenantCreated: tenantCreated() }), snapshot({ TenantCreated: { ...changed, version: 2 } }))).toEqual([]);
    expect(sut(snapshot({ TenantCreated: { ...tenantCreated(), version: 2 } }), snapshot({ TenantCreated: tenantCreated() }))).toEqual([
      'TenantCreated: schema version went back from 2 to 1',
    ]);
  });
});

describe(snapshotPayloads.name, () => {
  const sut = snapshotPayloads;
  const document = (payload: JsonSchema) => ({
    components: {
      messages: { TenantCreated: { payload: { $ref: '#/components/schemas/TenantCreatedPayload' }, 'x-schema-version': 3 } },
      schemas: { TenantCreatedPayload: payload, TenantDomain: object({ type: DOMAIN_TYPE }) },
    },
  });

  it('keeps the version and inlines component references', () => {
    const result = sut(document(object({ domain: { $ref: '#/components/schemas/TenantDomain' } })));
    expect(result).toEqual(snapshot({ TenantCreated: { version: 3, payload: object({ domain: object({ type: DOMAIN_TYPE }) }) } }));
  });

  it('refuses a reference to a schema that does not exist', () => {
    expect(() => sut(document(object({ plan: { $ref: '#/components/schemas/TenantPlanRef' } })))).toThrow(
      'unresolvable schema reference #/components/schemas/TenantPlanRef',
    );
  });
});
