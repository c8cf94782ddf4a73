import { ServerResponse } from 'node:http';
import { clientErrorProblem, problemFrameworkErrors } from './client-error';

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

describe('framework errors', () => {
  it.each([
    ['FST_ERR_BAD_URL', 400, 'https://tenantry.dev/problems/bad-request'],
    ['FST_ERR_MAX_PARAM_LENGTH', 414, 'https://tenantry.dev/problems/uri-too-long'],
  ])('%s → %i %s as problem+json', (code, status, type) => {
    const written: { status?: number; headers?: Record<string, unknown>; body?: string } = {};
    const raw = {
      writeHead: (writtenStatus: number, headers: Record<string, unknown>) => Object.assign(written, { status: writtenStatus, headers }),
      end: (body: string) => Object.assign(written, { body }),
    } as unknown as ServerResponse;
    problemFrameworkErrors(Object.assign(new Error('refused'), { code }), { url: '/x/%zz' }, { raw });
    expect(written.status).toBe(status);
    expect(written.headers?.['Content-Type']).toBe('application/problem+json');
    expect(JSON.parse(written.body ?? '{}')).toMatchObject({ type, status, instance: '/x/%zz' });
  });
});
