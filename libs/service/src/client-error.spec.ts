import { clientErrorProblem } from './client-error';

describe('client errors', () => {
  it.each([
    ['HPE_HEADER_OVERFLOW', 431, 'https://tenantry.dev/problems/request-header-fields-too-large'],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408, 'https://tenantry.dev/problems/request-timeout'],
    ['HPE_INVALID_METHOD', 400, 'https://tenantry.dev/problems/bad-request'],
  ])('%s → %i %s', (code, status, type) => {
    expect(clientErrorProblem(Object.assign(new Error('refused'), { code }))).toMatchObject({ status, type });
  });

  it('tells a URL too long (the request line never ended) from headers too large', () => {
    const overflow = (raw: string) => clientErrorProblem(Object.assign(new Error('overflow'), { code: 'HPE_HEADER_OVERFLOW', rawPacket: Buffer.from(raw, 'latin1') }));
    expect(overflow(`GET /api/v1/platform/tenants?q=${'a'.repeat(70_000)}`)).toMatchObject({ status: 414, type: 'https://tenantry.dev/problems/uri-too-long' });
    expect(overflow(`GET /api/v1/platform/tenants HTTP/1.1\r\nx-padding: ${'x'.repeat(20_000)}`)).toMatchObject({ status: 431 });
    expect(overflow(`${'x'.repeat(20_000)}\r\n`)).toMatchObject({ status: 431 });
  });
});
