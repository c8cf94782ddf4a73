import { publicHeaders } from './proxy-reply';

describe(publicHeaders.name, () => {
  const sut = publicHeaders;

  it('rewrites Location from the internal API to the public one and keeps ETag', () => {
    expect(sut({ location: '/internal/v1/tenants/abc', etag: 'W/"3"', 'content-type': 'application/json' })).toEqual({
      location: '/api/v1/platform/tenants/abc',
      etag: 'W/"3"',
      'content-type': 'application/json',
    });
  });

  it('drops hop-by-hop and internal headers', () => {
    expect(sut({ connection: 'keep-alive', 'keep-alive': 'timeout=5', 'x-request-id': 'r', 'transfer-encoding': 'chunked' })).toEqual({});
  });
});
