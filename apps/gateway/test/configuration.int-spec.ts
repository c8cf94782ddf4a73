// Tenant configuration through the compiled gateway to the real tenant registry (real Kafka and Postgres):
// effective configuration with sources, merge patch and PUT, versions, diff, rollback, If-Match, schema
// validation naming the path, write-only secrets (masked everywhere, sealed in the row), the role matrix,
// audit, and TenantConfigChanged with the changed paths.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { TOPICS } from '@tenantry/contracts';
import { databaseUrl, readTopic, RunningService, startService, testKafka, waitUntilReady } from '@tenantry/testing';
import { closedPort } from './support/fake-upstream';
import { GatewayClient, problemType, startGateway } from './support/gateway-client';

jest.setTimeout(120_000);

const MERGE_PATCH = { 'content-type': 'application/merge-patch+json' };
const SLACK_TOKEN = `xoxb-${randomUUID()}`;

interface Change {
  path: string;
  before: unknown;
  after: unknown;
}

describe('gateway configuration routes', () => {
  let registry: RunningService;
  let gateway: GatewayClient;
  let tenantId: string;
  const kafka = testKafka();

  const createTenant = async (plan: string) => {
    const label = `gc-${randomUUID().slice(0, 8)}`;
    const created = await gateway.call('POST', '/tenants', { body: { name: `Config ${label}`, domain: label, plan, adminEmail: `ops@${label}.example`, configuration: { timezone: 'Europe/Paris' } } });
    expect(created.status).toBe(201);
    return created.body['id'] as string;
  };
  const config = (key?: string) => gateway.call('GET', `/tenants/${tenantId}/configuration`, key ? { key } : {});

  beforeAll(async () => {
    registry = await startService('tenant-registry', { TRIAL_CHECK_INTERVAL_MS: '3600000' });
    await waitUntilReady(registry);
    gateway = await startGateway({ REGISTRY_URL: registry.url, PROVISIONING_URL: `http://127.0.0.1:${await closedPort()}` });
    tenantId = await createTenant('growth');
  });

  afterAll(async () => {
    await gateway?.stop();
    await registry?.process.kill('SIGTERM');
  });

  it('serves the JSON Schema and the effective configuration with the source of each value', async () => {
    const schema = await gateway.call('GET', '/configuration/schema');
    expect(schema.status).toBe(200);
    expect(schema.body).toMatchObject({ $schema: expect.stringContaining('json-schema.org'), properties: { branding: expect.any(Object), features: expect.any(Object), limits: { readOnly: true }, integrations: expect.any(Object), security: expect.any(Object) } });

    const read = await config();
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('W/"1"');
    expect(read.body).toMatchObject({
      tenantId,
      version: 1,
      changedBy: 'system',
      configuration: {
        theme: 'default',
        timezone: 'Europe/Paris',
        features: { customDomain: true, sso: false },
        security: { mfaRequired: false, allowedIpRanges: [] },
        limits: { storage: { limit: 100, mode: 'soft' } },
      },
      overrides: { timezone: 'Europe/Paris' },
    });
    // The plan (growth) gives customDomain, the creation request gave the time zone, the limits come from the limits API.
    expect(read.body['sources']).toMatchObject({ timezone: 'tenant', theme: 'plan-default', 'features.customDomain': 'plan-default', 'limits.storage.limit': 'limits' });
  });

  it('changes it by merge patch and PUT as new versions, diffs and rolls back, refuses a stale If-Match, and publishes the changed paths', async () => {
    const patched = await gateway.call('PATCH', `/tenants/${tenantId}/configuration?reason=${encodeURIComponent('rebrand')}`, {
      headers: { ...MERGE_PATCH, 'if-match': 'W/"1"' },
      body: { branding: { primaryColor: '#112233' }, features: { sso: true }, security: { mfaRequired: true, allowedIpRanges: ['10.0.0.0/8'] } },
    });
    expect(patched.status).toBe(200);
    expect(patched.headers.get('etag')).toBe('W/"2"');
    expect(patched.body).toMatchObject({ version: 2, reason: 'rebrand', configuration: { branding: { primaryColor: '#112233' }, features: { sso: true }, security: { mfaRequired: true } } });
    expect(patched.body['sources']).toMatchObject({ 'branding.primaryColor': 'tenant', 'features.sso': 'tenant', 'branding.accentColor': 'plan-default' });

    // A stale ETag: 412, nothing changed.
    const stale = await gateway.call('PATCH', `/tenants/${tenantId}/configuration?reason=late`, { headers: { ...MERGE_PATCH, 'if-match': 'W/"1"' }, body: { theme: 'dark' } });
    expect(stale.status).toBe(412);
    expect(stale.body['type']).toBe(problemType('configuration-changed'));
    expect((await config()).body['version']).toBe(2);

    // PUT replaces the overrides: what is left out goes back to the plan default; null in a patch removes one.
    const put = await gateway.call('PUT', `/tenants/${tenantId}/configuration?reason=reset`, {
      headers: { 'if-match': 'W/"2"' },
      body: { timezone: 'Europe/Paris', theme: 'dark', branding: { primaryColor: '#112233' } },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ version: 3, configuration: { theme: 'dark', features: { sso: false }, security: { mfaRequired: false } } });
    // The tenant's own view keeps the creation fields in step.
    expect((await gateway.call('GET', `/tenants/${tenantId}`)).body['configuration']).toMatchObject({ theme: 'dark', timezone: 'Europe/Paris' });

    const versions = await gateway.call('GET', `/tenants/${tenantId}/configuration/versions`);
    expect(versions.status).toBe(200);
    const items = versions.body['items'] as { version: number; changedPaths: string[]; reason: string | null; changedBy: string }[];
    expect(items.map((item) => [item.version, item.reason])).toEqual([
      [3, 'reset'],
      [2, 'rebrand'],
      [1, 'configuration at creation'],
    ]);
    expect(items[1]?.changedPaths).toEqual(['branding.primaryColor', 'features.sso', 'security.allowedIpRanges', 'security.mfaRequired']);
    expect(items[0]?.changedBy).toMatch(/.+/);
    expect((await gateway.call('GET', `/tenants/${tenantId}/configuration/versions/2`)).body).toMatchObject({ version: 2, overrides: { features: { sso: true } } });
    expect((await gateway.call('GET', `/tenants/${tenantId}/configuration/versions/99`)).status).toBe(404);

    const diff = await gateway.call('GET', `/tenants/${tenantId}/configuration/diff?from=2&to=3`);
    expect(diff.status).toBe(200);
    expect(diff.body['changes']).toEqual([
      { path: 'features.sso', before: true, after: null },
      { path: 'security.allowedIpRanges', before: ['10.0.0.0/8'], after: null },
      { path: 'security.mfaRequired', before: true, after: null },
      { path: 'theme', before: null, after: 'dark' },
    ]);
    expect((await gateway.call('GET', `/tenants/${tenantId}/configuration/diff?from=x&to=3`)).status).toBe(400);

    const rollback = await gateway.call('POST', `/tenants/${tenantId}/configuration/versions/2/rollback`, { body: { reason: 'undo the reset' }, headers: { 'if-match': 'W/"3"' } });
    expect(rollback.status).toBe(200);
    expect(rollback.body).toMatchObject({ version: 4, reason: 'undo the reset', configuration: { theme: 'default', features: { sso: true }, security: { mfaRequired: true } } });
    expect(((await gateway.call('GET', `/tenants/${tenantId}/configuration/versions/4`)).body as { rolledBackTo: number }).rolledBackTo).toBe(2);

    // The same patch again is no change: no version.
    const again = await gateway.call('PATCH', `/tenants/${tenantId}/configuration?reason=again`, { headers: MERGE_PATCH, body: { features: { sso: true } } });
    expect(again.body['version']).toBe(4);

    const messages = await readTopic(
      kafka,
      TOPICS.TENANT_LIFECYCLE.name,
      (all) => all.filter((m) => m.key === tenantId && m.headers['ce_type'] === 'TenantConfigChanged').length >= 3,
      { settleMs: 500 },
    );
    const changed = messages
      .filter((m) => m.key === tenantId && m.headers['ce_type'] === 'TenantConfigChanged')
      .map((m) => (JSON.parse(m.value ?? '{}') as { payload?: { version: number; changedPaths: string[] } } & { version?: number; changedPaths?: string[] }))
      .map((event) => event.payload ?? event);
    expect(changed.map((event) => [event.version, event.changedPaths])).toEqual([
      [2, ['branding.primaryColor', 'features.sso', 'security.allowedIpRanges', 'security.mfaRequired']],
      [3, ['features.sso', 'security.allowedIpRanges', 'security.mfaRequired', 'theme']],
      [4, ['features.sso', 'security.allowedIpRanges', 'security.mfaRequired', 'theme']],
    ]);

    const audit = await gateway.call('GET', `/audit?tenantId=${tenantId}`);
    expect(audit.body['items']).toContainEqual(expect.objectContaining({ method: 'PATCH', route: '/api/v1/platform/tenants/:id/configuration', status: 200, tenantId }));
    expect(audit.body['items']).toContainEqual(expect.objectContaining({ method: 'POST', route: '/api/v1/platform/tenants/:id/configuration/versions/:version/rollback', status: 200, tenantId }));
  });

  it('refuses values the schema does not allow with 400 naming each path, and changes nothing', async () => {
    const before = await config();
    const cases: [unknown, string[]][] = [
      [{ security: { allowedIpRanges: ['10.0.0.0/8', '10.1.2.3/40'] } }, ['security.allowedIpRanges[1]']],
      [{ branding: { primaryColor: 'blue', logoUrl: 'http://insecure.example/logo.png' }, features: { teleport: true } }, ['branding.primaryColor', 'branding.logoUrl', 'features.teleport']],
      [{ security: { sessionLifetimeMinutes: 1, passwordPolicy: { minLength: 4 } } }, ['security.sessionLifetimeMinutes', 'security.passwordPolicy.minLength']],
      [{ limits: { storage: 1 } }, ['limits']],
      [{ integrations: { crm: { enabled: true } } }, ['integrations.crm.provider']],
    ];
    for (const [body, fields] of cases) {
      const answer = await gateway.call('PATCH', `/tenants/${tenantId}/configuration?reason=bad`, { headers: MERGE_PATCH, body });
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.body['type']).toBe(problemType('validation-failed'));
      expect((answer.body['errors'] as { field: string }[]).map((error) => error.field).sort()).toEqual([...fields].sort());
    }
    const pointer = await gateway.call('PATCH', `/tenants/${tenantId}/configuration?reason=bad`, { headers: MERGE_PATCH, body: { security: { allowedIpRanges: ['10.0.0.0/8', '10.1.2.3/40'] } } });
    expect(pointer.body['errors']).toEqual([expect.objectContaining({ field: 'security.allowedIpRanges[1]', pointer: '/security/allowedIpRanges/1', message: expect.stringContaining('CIDR') })]);

    const noReason = await gateway.call('PATCH', `/tenants/${tenantId}/configuration`, { headers: MERGE_PATCH, body: { theme: 'x' } });
    expect(noReason.status).toBe(400);
    expect((noReason.body['errors'] as { field: string }[]).map((error) => error.field)).toEqual(['reason']);
    expect((await gateway.call('PATCH', `/tenants/${tenantId}/configuration?reason=r`, { headers: MERGE_PATCH, body: ['not', 'an', 'object'] })).status).toBe(400);
    expect((await gateway.call('PATCH', `/tenants/${tenantId}/configuration?reason=r`, { headers: { 'content-type': 'text/plain' }, rawBody: 'theme=x' })).status).toBe(415);

    expect((await config()).body).toEqual(before.body);
  });

  it('answers a dry run with the changes it would make and stores nothing (what bulk jobs preview)', async () => {
    const before = await config();
    const preview = await gateway.call('PATCH', `/tenants/${tenantId}/configuration?dryRun=true`, { headers: MERGE_PATCH, body: { branding: { fontFamily: 'Georgia, serif' }, features: { betaFeatures: true } } });
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      dryRun: true,
      version: before.body['version'],
      changes: [
        { path: 'branding.fontFamily', before: null, after: 'Georgia, serif' },
        { path: 'features.betaFeatures', before: null, after: true },
      ],
    });
    const invalid = await gateway.call('PATCH', `/tenants/${tenantId}/configuration?dryRun=true`, { headers: MERGE_PATCH, body: { features: { betaFeatures: 'yes' } } });
    expect(invalid.status).toBe(400);
    expect((invalid.body['errors'] as { field: string }[]).map((error) => error.field)).toEqual(['features.betaFeatures']);
    expect((await config()).body).toEqual(before.body);
  });

  it('keeps integration secrets write-only: masked in every answer, sealed in the row, kept by the mask', async () => {
    const tenant = await createTenant('starter');
    const path = `/tenants/${tenant}/configuration`;
    const set = await gateway.call('PATCH', `${path}?reason=connect`, {
      headers: MERGE_PATCH,
      body: { integrations: { slack: { provider: 'slack', enabled: true, settings: { channel: '#ops' }, secrets: { botToken: SLACK_TOKEN } } } },
    });
    expect(set.status).toBe(200);
    expect(set.text).not.toContain(SLACK_TOKEN);
    expect(set.body).toMatchObject({ configuration: { integrations: { slack: { secrets: { botToken: '********' } } } } });

    // The mask keeps the stored secret (a GET → edit → PUT round trip); a new value is a change.
    const roundTrip = await gateway.call('PUT', `${path}?reason=roundtrip`, { body: set.body['overrides'] });
    expect(roundTrip.body['version']).toBe(2);
    const rotated = await gateway.call('PATCH', `${path}?reason=rotate`, { headers: MERGE_PATCH, body: { integrations: { slack: { secrets: { botToken: `${SLACK_TOKEN}-2` } } } } });
    expect(rotated.body['version']).toBe(3);
    const maskWithout = await gateway.call('PATCH', `${path}?reason=r`, { headers: MERGE_PATCH, body: { integrations: { github: { provider: 'github', secrets: { token: '********' } } } } });
    expect(maskWithout.status).toBe(400);
    expect((maskWithout.body['errors'] as { field: string }[]).map((error) => error.field)).toEqual(['integrations.github.secrets.token']);

    const answers = await Promise.all([
      gateway.call('GET', path),
      gateway.call('GET', `${path}/versions`),
      gateway.call('GET', `${path}/versions/2`),
      gateway.call('GET', `${path}/diff?from=1&to=3`),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.text).not.toContain(SLACK_TOKEN);
    }
    expect((answers[3]?.body['changes'] as Change[]).find((change) => change.path === 'integrations.slack.secrets.botToken')).toEqual({ path: 'integrations.slack.secrets.botToken', before: null, after: '********' });

    const db = new Client({ connectionString: databaseUrl() });
    await db.connect();
    try {
      const rows = (await db.query(`SELECT version, document::text AS document FROM tenant_registry.tenant_configuration_versions WHERE tenant_id = $1 ORDER BY version`, [tenant])).rows as { version: number; document: string }[];
      expect(rows.map((row) => row.version)).toEqual([1, 2, 3]);
      for (const row of rows) expect(row.document).not.toContain(SLACK_TOKEN);
      expect(rows[2]?.document).toMatch(/"botToken": "cs1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+"/);
    } finally {
      await db.end();
    }

    const messages = await readTopic(kafka, TOPICS.TENANT_LIFECYCLE.name, (all) => all.filter((m) => m.key === tenant && m.headers['ce_type'] === 'TenantConfigChanged').length >= 2, { settleMs: 300 });
    for (const message of messages.filter((m) => m.key === tenant)) expect(message.value ?? '').not.toContain(SLACK_TOKEN);
  });

  it('applies the role matrix: support and read-only read, only platform and own tenant admins write, another tenant is 404', async () => {
    const support = (await gateway.issueKey('support')).key;
    const readOnly = (await gateway.issueKey('read-only')).key;
    const billing = (await gateway.issueKey('billing')).key;
    const own = (await gateway.issueKey('tenant-admin', tenantId)).key;
    const otherTenant = await createTenant('free');
    const stranger = (await gateway.issueKey('tenant-admin', otherTenant)).key;
    const patch = (key: string, tenant = tenantId) => gateway.call('PATCH', `/tenants/${tenant}/configuration?reason=matrix`, { key, headers: MERGE_PATCH, body: { branding: { accentColor: '#abcdef' } } });

    expect((await config(support)).status).toBe(200);
    expect((await config(readOnly)).status).toBe(200);
    expect((await gateway.call('GET', `/tenants/${tenantId}/configuration/versions`, { key: readOnly })).status).toBe(200);
    expect((await config(billing)).status).toBe(403);
    for (const key of [support, readOnly, billing]) {
      const refused = await patch(key);
      expect(refused.status).toBe(403);
      expect(refused.body['type']).toBe(problemType('forbidden'));
    }
    expect((await gateway.call('POST', `/tenants/${tenantId}/configuration/versions/1/rollback?reason=x`, { key: support })).status).toBe(403);

    const before = (await config()).body['version'] as number;
    const mine = await patch(own);
    expect(mine.status).toBe(200);
    expect(mine.body['version']).toBe(before + 1);
    expect((await gateway.call('GET', '/configuration/schema', { key: own })).status).toBe(200);

    for (const answer of [await config(stranger), await patch(stranger), await gateway.call('GET', `/tenants/${tenantId}/configuration/diff?from=1&to=2`, { key: stranger })]) {
      expect(answer.status).toBe(404);
      expect(answer.body['type']).toBe(problemType('tenant-not-found'));
    }
    expect((await config()).body['version']).toBe(before + 1);
  });
});
