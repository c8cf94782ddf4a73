// The cross-tenant analytics routes through the compiled gateway to the real health-scoring
// service: every platform role reads them, a tenant-admin key gets 403, queries are validated at
// the door (a bad date names its field, a range ending before it starts names `to`), and the three
// routes are in the OpenAPI document.
import { randomUUID } from 'node:crypto';
import { GatewayOnFakeRegistry, startGatewayWith } from './support/gateway-client';

jest.setTimeout(120_000);

const ROUTES = ['usage', 'business', 'comparative'] as const;
// A plan nobody else uses: the answers are empty, quickly, whatever the shared database holds.
const QUERY = `from=2026-10-01&to=2026-10-31&plan=none-${randomUUID().slice(0, 8)}`;

describe('gateway analytics routes', () => {
  let stack: GatewayOnFakeRegistry;

  beforeAll(async () => {
    stack = await startGatewayWith('health-scoring', { HEALTH_RECOMPUTE_INTERVAL_MS: '3600000' });
  });

  afterAll(() => stack?.stop());

  it('answers every platform role and refuses a tenant-admin key with 403', async () => {
    const { gateway } = stack;
    const keys = {
      'platform-admin': undefined,
      support: (await gateway.issueKey('support')).key,
      billing: (await gateway.issueKey('billing')).key,
      'read-only': (await gateway.issueKey('read-only')).key,
    };
    for (const route of ROUTES) {
      for (const [role, key] of Object.entries(keys)) {
        const answer = await gateway.call('GET', `/analytics/${route}?${QUERY}`, key ? { key } : {});
        expect({ route, role, status: answer.status }).toEqual({ route, role, status: 200 });
        expect(answer.body['range']).toMatchObject({ from: '2026-10-01', to: '2026-10-31' });
      }
      const admin = (await gateway.issueKey('tenant-admin', stack.tenant())).key;
      const refused = await gateway.call('GET', `/analytics/${route}?${QUERY}`, { key: admin });
      expect({ route, status: refused.status }).toEqual({ route, status: 403 });
    }
    const comparative = await gateway.call('GET', `/analytics/comparative?${QUERY}`);
    expect(comparative.body).toMatchObject({ total: 0, tenants: [], plans: [], riskIndicators: [] });
  });

  it('refuses bad queries with problem+json naming the field', async () => {
    const { gateway } = stack;
    const cases: [string, string[]][] = [
      ['usage?from=2026-02-30&to=2026-03-01', ['from']],
      ['business?from=2026-10-01&to=yesterday', ['to']],
      ['comparative?to=2026-10-01', ['from']],
      ['usage?from=2026-10-01&to=2026-10-31&plan=no%20spaces', ['plan']],
      ['comparative?from=2026-10-01&to=2026-10-31&limit=5000', ['limit']],
      ['business?from=2026-10-31&to=2026-10-01', ['to']],
      ['usage?from=2020-01-01&to=2026-10-01', ['to']],
    ];
    for (const [path, fields] of cases) {
      const answer = await gateway.call('GET', `/analytics/${path}`);
      expect({ path, status: answer.status, contentType: answer.headers.get('content-type')?.split(';')[0], fields: [...new Set((answer.body['errors'] as { field: string }[] | undefined)?.map((e) => e.field))].sort() }).toEqual({
        path,
        status: 400,
        contentType: 'application/problem+json',
        fields,
      });
    }
  });

  it('documents the three routes in OpenAPI', async () => {
    const document = (await (await fetch(`${stack.gateway.url}/docs/openapi.json`)).json()) as { paths: Record<string, { get?: { operationId?: string } }> };
    expect(ROUTES.map((route) => document.paths[`/api/v1/platform/analytics/${route}`]?.get?.operationId)).toEqual(['getUsageAnalytics', 'getBusinessAnalytics', 'getComparativeAnalytics']);
  });
});
