// What every answer of the public door carries, and what it answers to requests Node's HTTP parser refuses.
import { request } from 'node:http';
import { GatewayClient, problemType, startGateway } from './support/gateway-client';

jest.setTimeout(120_000);

/** Sends a raw GET with one header of `size` bytes; Node's HTTP client does not cap what it sends. */
function getWithHugeHeader(url: string, size: number): Promise<{ status: number; contentType: string | undefined; body: string }> {
  return rawGet(`${url}/api/v1/platform/tenants`, { 'x-padding': 'x'.repeat(size) });
}

function rawGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; contentType: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const call = request(url, { headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, contentType: response.headers['content-type'], body }));
    });
    call.on('error', reject);
    call.end();
  });
}

describe('gateway security headers', () => {
  let gateway: GatewayClient;

  beforeAll(async () => {
    gateway = await startGateway();
  });

  afterAll(async () => {
    await gateway?.stop();
  });

  it.each([
    ['an API answer', '/api/v1/platform/api-keys'],
    ['a refused API call', '/api/v1/platform/tenants/not-a-uuid'],
    ['the API documentation', '/docs/openapi.json'],
  ])('marks %s as never sniffed or framed', async (_what, path) => {
    const response = await fetch(`${gateway.url}${path}`, { headers: { authorization: `Bearer ${gateway.adminKey}` } });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    // Served over plain HTTP here: no HSTS, which a browser would ignore anyway.
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('keeps a created key, shown once, out of every cache', async () => {
    const result = await gateway.call('POST', '/api-keys', { body: { name: 'cached?', role: 'read-only' } });
    expect(result.status).toBe(201);
    expect(result.body['key']).toEqual(expect.any(String));
    expect(result.headers.get('cache-control')).toBe('no-store');
  });

  it('answers headers too large with 431 problem+json', async () => {
    const result = await getWithHugeHeader(gateway.url, 20_000);
    expect(result.status).toBe(431);
    expect(result.contentType).toBe('application/problem+json');
    expect(JSON.parse(result.body)).toMatchObject({ type: problemType('request-header-fields-too-large'), status: 431 });
  });

  it('answers a 100 KB URL with 414 uri-too-long problem+json', async () => {
    const result = await rawGet(`${gateway.url}/api/v1/platform/tenants?q=${'a'.repeat(100_000)}`, { authorization: `Bearer ${gateway.adminKey}` });
    expect(result.status).toBe(414);
    expect(result.contentType).toBe('application/problem+json');
    expect(JSON.parse(result.body)).toMatchObject({ type: problemType('uri-too-long'), status: 414 });
  });

  it.each([500, 5_000])('answers a path parameter of %i characters with 400 problem+json naming it', async (length) => {
    const result = await gateway.call('GET', `/tenants/${'a'.repeat(length)}/history`);
    expect(result.status).toBe(400);
    expect(result.headers.get('content-type')).toContain('application/problem+json');
    expect(result.body).toMatchObject({ type: problemType('validation-failed'), errors: [{ field: 'id', message: expect.any(String) }] });
  });
});
