// The registry's own door (not only the gateway's): input that crashed a request or spoofed a display
// name is a 400 problem+json naming the field, and the tenant is unchanged.
import { Answer, registryUnderTest, suffix } from './tenant-registry-client';

jest.setTimeout(120_000);

const { api } = registryUnderTest();

function expectInvalid(answer: Answer, field: string): void {
  expect({ status: answer.status, contentType: answer.headers.get('content-type') }).toEqual({ status: 400, contentType: expect.stringContaining('application/problem+json') });
  expect(answer.body['type']).toBe('https://tenantry.dev/problems/validation-failed');
  expect((answer.body['errors'] as { field: string }[]).map((error) => error.field)).toContain(field);
}

function cursorOf(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function shortForm(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const label = `r-${suffix()}`;
  return { name: `Tenant ${label}`, domain: label, plan: 'starter', adminEmail: `ops@${label}.example`, ...overrides };
}

describe('hostile input at the tenant registry', () => {
  it('a body nested 10,000 deep is a 400 naming the body', async () => {
    expectInvalid(await api().call('POST', '/internal/v1/tenants', `{"name":${'['.repeat(10_000)}${']'.repeat(10_000)}}`), 'body');
  });

  it.each([
    ['NUL', 'Acme\u0000'],
    ['a lone surrogate', '\udc00Acme'],
    ['only white space', '  \t  '],
    ['only bidi overrides', '\u202E\u202E'],
    ['only zero-width characters', '\u200B\u200D'],
    ['only combining marks', '\u0301\u0308'],
  ])('a name of %s is refused on create and on update, and the tenant is unchanged', async (_what, name) => {
    const body = shortForm({ name });
    expectInvalid(await api().create(body), 'name');
    expect((await api().call('GET', `/internal/v1/tenants?q=${body['domain'] as string}`)).body['items']).toEqual([]);
    const tenant = await api().createTenant('starter');
    expectInvalid(await api().call('PUT', `/internal/v1/tenants/${tenant.id}`, { name }), 'name');
    expect((await api().get(tenant.id)).body).toEqual(tenant);
  });

  it('a suspension reason with NUL is a 400 naming the reason, and the tenant is not suspended', async () => {
    const tenant = await api().createTenant('starter');
    expectInvalid(await api().call('POST', `/internal/v1/tenants/${tenant.id}/suspend`, { reason: 'x\u0000' }), 'reason');
    expect((await api().get(tenant.id)).body).toEqual(tenant);
  });

  it('a name is stored NFC-normalised and trimmed', async () => {
    const tenant = await api().createTenant('starter', { name: ' Cre\u0300me Bru\u0302le\u0301e ' });
    expect(tenant.name).toBe('Cr\u00e8me Br\u00fbl\u00e9e');
  });

  it.each(['0', '12', '+275760-09-13T00:00:00.000Z', '9999-12-31T24:00:00.000000Z'])('a createdAt cursor whose date is %s is a 400 naming cursor', async (key) => {
    const cursor = cursorOf({ s: 'createdAt', k: key, i: '00000000-0000-4000-8000-000000000000' });
    expectInvalid(await api().call('GET', `/internal/v1/tenants?cursor=${cursor}`), 'cursor');
  });

  it('NUL in q is a 400 naming q', async () => {
    expectInvalid(await api().call('GET', '/internal/v1/tenants?q=a%00'), 'q');
  });
});
