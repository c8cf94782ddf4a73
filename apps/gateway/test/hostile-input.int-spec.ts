// Input that used to crash a request (500) or spoof a display name, through the public gateway in front
// of the real registry and metering: each is a 400 problem+json naming the field, and nothing changes.
import { randomBytes } from 'node:crypto';
import { CallResult, GatewayClient, problemType } from './support/gateway-client';
import { RealStack, startRealStack } from './support/hostile-stack';

jest.setTimeout(120_000);

function label(): string {
  return `h-${randomBytes(5).toString('hex')}`;
}

function shortForm(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const l = label();
  return { name: `Tenant ${l}`, domain: l, plan: 'starter', adminEmail: `ops@${l}.example`, ...overrides };
}

/** `depth` arrays inside each other, as text: what a hostile client sends (60 KB for 10,000 levels). */
function nested(depth: number, inner = '1'): string {
  return '['.repeat(depth) + inner + ']'.repeat(depth);
}

function cursorOf(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function expectInvalid(result: CallResult, field: string): void {
  expect({ status: result.status, contentType: result.headers.get('content-type') }).toEqual({ status: 400, contentType: expect.stringContaining('application/problem+json') });
  expect(result.body['type']).toBe(problemType('validation-failed'));
  expect((result.body['errors'] as { field: string }[]).map((error) => error.field)).toContain(field);
}

describe('hostile input at the gateway', () => {
  let stack: RealStack;
  let gateway: GatewayClient;
  let tenant: { id: string; name: string; version: number };

  beforeAll(async () => {
    stack = await startRealStack();
    gateway = stack.gateway;
    const created = await gateway.call('POST', '/tenants', { body: shortForm() });
    expect(created.status).toBe(201);
    tenant = created.body as unknown as typeof tenant;
  });

  afterAll(() => stack?.stop());

  /** The tenant as stored, to show a refused request changed nothing. */
  async function stored(): Promise<Record<string, unknown>> {
    const answer = await gateway.call('GET', `/tenants/${tenant.id}`);
    expect(answer.status).toBe(200);
    return answer.body;
  }

  /** How many tenants have `domain` in their name or hostname. */
  async function tenantsMatching(domain: string): Promise<number> {
    const page = await gateway.call('GET', `/tenants?q=${encodeURIComponent(domain)}&limit=100`);
    expect(page.status).toBe(200);
    return (page.body['items'] as unknown[]).length;
  }

  describe('deep nesting', () => {
    it.each([
      ['POST', '/tenants'],
      ['PUT', '/tenants/:id'],
      ['POST', '/tenants/:id/suspend'],
      ['PUT', '/tenants/:id/limits'],
      ['POST', '/tenants/:id/usage'],
      ['POST', '/usage/batch'],
      ['POST', '/api-keys'],
    ])('%s %s: a body nested 10,000 deep is a 400 naming the body', async (method, path) => {
      const before = await stored();
      const result = await gateway.call(method, path.replace(':id', tenant.id), { rawBody: `{"name":${nested(10_000)}}` });
      expectInvalid(result, 'body');
      expect(await stored()).toEqual(before);
    });

    it('33 levels are refused and the message says how deep a body may be', async () => {
      const result = await gateway.call('POST', '/tenants', { rawBody: `{"name":${nested(32)}}` });
      expectInvalid(result, 'body');
      expect(JSON.stringify(result.body['errors'])).toContain('32 levels');
    });
  });

  describe('NUL and lone surrogates', () => {
    it.each([
      ['NUL in the name', { name: 'Acme\u0000Corp' }, 'name'],
      ['a lone surrogate in the name', { name: 'Acme \ud800' }, 'name'],
      ['NUL in a configuration value', { configuration: { theme: 'dark\u0000' } }, 'configuration.theme'],
      ['NUL in the plan', { plan: 'starter\u0000' }, 'plan'],
    ])('create with %s is a 400 naming it, and no tenant is created', async (_what, overrides, field) => {
      const body = shortForm(overrides);
      const result = await gateway.call('POST', '/tenants', { body });
      expectInvalid(result, field);
      expect(await tenantsMatching(body['domain'] as string)).toBe(0);
    });

    it('update with NUL in the name is a 400 naming it, and the tenant is unchanged', async () => {
      const before = await stored();
      expectInvalid(await gateway.call('PUT', `/tenants/${tenant.id}`, { body: { name: 'Evil\u0000' } }), 'name');
      expect(await stored()).toEqual(before);
    });

    it('a suspension reason with NUL is a 400 naming the reason, and the tenant is not suspended', async () => {
      const before = await stored();
      expectInvalid(await gateway.call('POST', `/tenants/${tenant.id}/suspend`, { body: { reason: 'unpaid\u0000' } }), 'reason');
      expect(await stored()).toEqual(before);
    });

    it('a usage event id with NUL is a 400 naming it, and nothing is recorded', async () => {
      const usage = async () => {
        const answer = await gateway.call('GET', `/tenants/${tenant.id}/usage?metric=api_calls`);
        expect(answer.status).toBe(200);
        return answer.body['current'];
      };
      const before = await usage();
      const event = { eventId: `e-${label()}\u0000`, metric: 'api_calls', quantity: 5, timestamp: new Date().toISOString() };
      expectInvalid(await gateway.call('POST', `/tenants/${tenant.id}/usage`, { body: event }), 'eventId');
      expectInvalid(await gateway.call('POST', '/usage/batch', { body: { events: [{ ...event, tenantId: tenant.id }] } }), 'events.0.eventId');
      expect(await usage()).toEqual(before);
    });

    it('a property name with NUL is a 400', async () => {
      const result = await gateway.call('POST', '/tenants', { rawBody: JSON.stringify({ ...shortForm(), 'x\u0000': 1 }) });
      expect(result.status).toBe(400);
      expect(result.headers.get('content-type')).toContain('application/problem+json');
    });

    it.each([
      ['q', `q=${encodeURIComponent('acme\u0000')}`],
      ['q', 'q=%ED%A0%80acme'],
      ['cursor', `cursor=${encodeURIComponent('abc\u0000')}`],
      ['plan', 'plan=%00'],
    ])('a listing with a bad %s is a 400 naming it', async (field, query) => {
      const result = await gateway.call('GET', `/tenants?${query}`);
      // %ED%A0%80 is not UTF-8: the query parser makes it U+FFFD, which is a character; either a 200 or a 400 naming q.
      if (query.startsWith('q=%ED')) expect([200, 400]).toContain(result.status);
      else expectInvalid(result, field);
    });
  });

  describe('paths the router refuses', () => {
    it.each([
      ['a malformed percent-escape', '/tenants/%E6%BC', 400, 'bad-request'],
      // Fastify's own limit (100) is raised so that a long parameter reaches its pipe (a 400 naming it).
      ['a path parameter over 100 characters', `/tenants/${'x'.repeat(101)}/history`, 400, 'validation-failed'],
    ])('%s is answered as problem+json', async (_what, path, status, code) => {
      const result = await gateway.call('GET', path);
      expect({ status: result.status, contentType: result.headers.get('content-type'), type: result.body['type'] }).toEqual({
        status,
        contentType: expect.stringMatching(/^application\/problem\+json(;|$)/),
        type: problemType(code),
      });
    });
  });

  describe('names', () => {
    it('a whitespace-only name on create is a 400 naming it', async () => {
      expectInvalid(await gateway.call('POST', '/tenants', { body: shortForm({ name: '   \t ' }) }), 'name');
    });

    it('a whitespace-only name on update is a 400 naming it, and the name is unchanged', async () => {
      const before = await stored();
      expectInvalid(await gateway.call('PUT', `/tenants/${tenant.id}`, { body: { name: '    ' } }), 'name');
      expect(await stored()).toEqual(before);
    });

    it.each([
      ['only bidi overrides', '\u202E\u202D\u202E'],
      ['only zero-width characters', '\u200B\u200C\u200D\u2060\uFEFF'],
      ['only combining marks', '\u0301\u0302\u0303'],
      ['a right-to-left override inside', 'invoice\u202Egnp.exe'],
      ['a bidi isolate inside', 'Acme \u2067Corp\u2069'],
      ['a control character', 'Acme\u0007Corp'],
    ])('a name of %s is refused on create and on update', async (_what, name) => {
      expectInvalid(await gateway.call('POST', '/tenants', { body: shortForm({ name }) }), 'name');
      const before = await stored();
      expectInvalid(await gateway.call('PUT', `/tenants/${tenant.id}`, { body: { name } }), 'name');
      expect(await stored()).toEqual(before);
    });

    it('a name is stored NFC-normalised and trimmed', async () => {
      const created = await gateway.call('POST', '/tenants', { body: shortForm({ name: '  Cafe\u0301 Noe\u0308l  ' }) });
      expect(created.status).toBe(201);
      expect(created.body['name']).toBe('Caf\u00e9 No\u00ebl');
      const updated = await gateway.call('PUT', `/tenants/${created.body['id'] as string}`, { body: { name: ' A\u030Angstr\u00f6m ' } });
      expect(updated.status).toBe(200);
      expect(updated.body['name']).toBe('\u00c5ngstr\u00f6m');
    });
  });

  describe('list cursors', () => {
    const id = '00000000-0000-4000-8000-000000000000';
    it.each(['0', '12', '+275760-09-13T00:00:00.000Z', '2026-02-30T00:00:00.000000Z', '0000-01-01T00:00:00.000000Z', '2026-01-01'])(
      'a createdAt cursor whose date is %s is a 400 naming cursor',
      async (key) => {
        expectInvalid(await gateway.call('GET', `/tenants?cursor=${cursorOf({ s: 'createdAt', k: key, i: id })}`), 'cursor');
        expectInvalid(await gateway.call('GET', `/tenants?sort=-createdAt&cursor=${cursorOf({ s: '-createdAt', k: key, i: id })}`), 'cursor');
      },
    );

    it('a name cursor holding NUL is a 400 naming cursor', async () => {
      expectInvalid(await gateway.call('GET', `/tenants?sort=name&cursor=${cursorOf({ s: 'name', k: 'a\u0000', i: id })}`), 'cursor');
    });

    it('a cursor the registry handed out still pages', async () => {
      await gateway.call('POST', '/tenants', { body: shortForm() });
      const first = await gateway.call('GET', '/tenants?limit=1');
      expect(first.status).toBe(200);
      const next = first.body['nextCursor'] as string;
      expect(typeof next).toBe('string');
      expect((await gateway.call('GET', `/tenants?limit=1&cursor=${next}`)).status).toBe(200);
    });

    it('an audit cursor beyond a bigint is a 400 naming cursor', async () => {
      expectInvalid(await gateway.call('GET', '/audit?cursor=9999999999999999999'), 'cursor');
      expect((await gateway.call('GET', '/audit?cursor=9223372036854775807')).status).toBe(200);
    });
  });
});
