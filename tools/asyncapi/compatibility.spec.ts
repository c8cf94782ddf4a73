// Holds the event catalogue to the committed payload baseline, and proves each compatibility rule can fail.
import { EVENT_NAMES } from '@tenantry/contracts';
import { breakingChanges, EventContract, PayloadSnapshot, snapshotPayloads } from './compatibility';
import { BASELINE_PATH, currentDocument, readBaseline } from './generate';
import { JsonSchema } from './json-schema';

const REGENERATE = `regenerate ${BASELINE_PATH} with \`npm run build && node dist/tools/asyncapi/generate.js --baseline\``;

function object(properties: Record<string, JsonSchema>, required: string[] = Object.keys(properties)): JsonSchema {
  return { type: 'object', properties, required, additionalProperties: true };
}

function snapshot(events: Record<string, EventContract>): PayloadSnapshot {
  return { events };
}

const STRING: JsonSchema = { type: 'string' };
const UUID: JsonSchema = { type: 'string', format: 'uuid' };
const DOMAIN_TYPE: JsonSchema = { type: 'string', enum: ['subdomain', 'custom'] };
const DOMAIN = object({ type: DOMAIN_TYPE, value: STRING });
const LIMITS: JsonSchema = { type: 'array', items: object({ metric: STRING, mode: { type: 'string', enum: ['soft', 'hard'] } }) };

interface Variation {
  /** Replaces or adds top-level fields. */
  readonly properties?: Record<string, JsonSchema>;
  readonly without?: readonly string[];
  readonly required?: readonly string[];
  readonly version?: number;
}

/** A TenantCreated-like contract: a nested object, an optional field (`note`), enums and an array of objects. */
function tenantCreated(variation: Variation = {}): EventContract {
  const properties: Record<string, JsonSchema> = { tenantId: UUID, domain: DOMAIN, limits: LIMITS, note: STRING, ...variation.properties };
  for (const name of variation.without ?? []) delete properties[name];
  return { version: variation.version ?? 1, payload: object(properties, [...(variation.required ?? ['tenantId', 'domain', 'limits'])]) };
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
    const current = tenantCreated({
      properties: { domain: object({ type: { type: 'string', enum: ['subdomain', 'custom', 'wildcard'] }, value: STRING }), region: STRING },
    });
    const baseline = snapshot({ TenantCreated: tenantCreated() });
    expect(sut(baseline, snapshot({ TenantCreated: current, TenantArchived: tenantCreated() }))).toEqual([]);
  });

  it('reports an event that left the catalogue', () => {
    expect(sut(snapshot({ TenantCreated: tenantCreated() }), snapshot({}))).toEqual(['TenantCreated: event was removed from the catalogue']);
  });

  it('reports a removed field, top-level or nested', () => {
    const current = tenantCreated({ properties: { domain: object({ type: DOMAIN_TYPE }) }, without: ['note'] });
    expect(sut(snapshot({ TenantCreated: tenantCreated() }), snapshot({ TenantCreated: current }))).toEqual([
      'TenantCreated: field domain.value was removed',
      'TenantCreated: field note was removed',
    ]);
  });

  it('reports an optional field that became required', () => {
    const current = tenantCreated({ required: ['tenantId', 'domain', 'limits', 'note'] });
    expect(sut(snapshot({ TenantCreated: tenantCreated() }), snapshot({ TenantCreated: current }))).toEqual([
      'TenantCreated: optional field note became required',
    ]);
  });

  it('reports a new required field, top-level or nested', () => {
    const current = tenantCreated({
      properties: { domain: object({ type: DOMAIN_TYPE, value: STRING, ssl: { type: 'boolean' } }), region: STRING },
      required: ['tenantId', 'domain', 'limits', 'region'],
    });
    expect(sut(snapshot({ TenantCreated: tenantCreated() }), snapshot({ TenantCreated: current }))).toEqual([
      'TenantCreated: new required field domain.ssl',
      'TenantCreated: new required field region',
    ]);
  });

  it('reports a changed type', () => {
    const current = tenantCreated({ properties: { domain: object({ type: DOMAIN_TYPE, value: { type: 'integer' } }) } });
    expect(sut(snapshot({ TenantCreated: tenantCreated() }), snapshot({ TenantCreated: current }))).toEqual([
      'TenantCreated: field domain.value changed type from string to integer',
    ]);
  });

  it('reports a changed format', () => {
    const current = tenantCreated({ properties: { tenantId: { type: 'string', format: 'email' } } });
    expect(sut(snapshot({ TenantCreated: tenantCreated() }), snapshot({ TenantCreated: current }))).toEqual([
      'TenantCreated: field tenantId changed format from uuid to email',
    ]);
  });

  it('reports enum values that are no longer accepted', () => {
    const current = tenantCreated({ properties: { domain: object({ type: { type: 'string', enum: ['subdomain'] }, value: STRING }) } });
    expect(sut(snapshot({ TenantCreated: tenantCreated() }), snapshot({ TenantCreated: current }))).toEqual([
      'TenantCreated: field domain.type no longer accepts ["custom"]',
    ]);
  });

  it('reports an enum put on a field that was free', () => {
    const current = tenantCreated({ properties: { note: { type: 'string', enum: ['vip'] } } });
    expect(sut(snapshot({ TenantCreated: tenantCreated() }), snapshot({ TenantCreated: current }))).toEqual([
      'TenantCreated: field note is now restricted to ["vip"]',
    ]);
  });

  it('looks inside array items', () => {
    const current = tenantCreated({ properties: { limits: { type: 'array', items: object({ metric: STRING, mode: { type: 'string', enum: ['hard'] } }) } } });
    expect(sut(snapshot({ TenantCreated: tenantCreated() }), snapshot({ TenantCreated: current }))).toEqual([
      'TenantCreated: field limits[].mode no longer accepts ["soft"]',
    ]);
  });

  it('names the event of each problem when several events changed', () => {
    const baseline = snapshot({ TenantCreated: tenantCreated(), UsageRecorded: tenantCreated() });
    const current = snapshot({ TenantCreated: tenantCreated({ without: ['note'] }), UsageRecorded: tenantCreated({ without: ['limits'] }) });
    expect(sut(baseline, current)).toEqual(['TenantCreated: field note was removed', 'UsageRecorded: field limits was removed']);
  });

  it('leaves an event alone once its schema version went up, but not down', () => {
    const bumped = tenantCreated({ without: ['note'], version: 2 });
    expect(sut(snapshot({ TenantCreated: tenantCreated() }), snapshot({ TenantCreated: bumped }))).toEqual([]);
    expect(sut(snapshot({ TenantCreated: tenantCreated({ version: 2 }) }), snapshot({ TenantCreated: tenantCreated() }))).toEqual([
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
