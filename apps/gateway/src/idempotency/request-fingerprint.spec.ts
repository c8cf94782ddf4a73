import { canonicalJson, IDEMPOTENCY_KEY, requestFingerprint } from './request-fingerprint';

describe(requestFingerprint.name, () => {
  const sut = requestFingerprint;

  it('is the same for the same body whatever the key order', () => {
    expect(sut('POST', '/api/v1/platform/tenants', { name: 'a', plan: { trial: true, id: 'starter' } })).toBe(sut('post', '/api/v1/platform/tenants', { plan: { id: 'starter', trial: true }, name: 'a' }));
  });

  it('differs when a value, the path or the method differs', () => {
    const base = sut('POST', '/api/v1/platform/tenants', { name: 'a' });
    expect(sut('POST', '/api/v1/platform/tenants', { name: 'b' })).not.toBe(base);
    expect(sut('POST', '/api/v1/platform/other', { name: 'a' })).not.toBe(base);
    expect(sut('PUT', '/api/v1/platform/tenants', { name: 'a' })).not.toBe(base);
  });

  it('keeps arrays in order and is a sha-256 hex digest', () => {
    expect(canonicalJson({ b: [2, 1], a: null })).toBe('{"a":null,"b":[2,1]}');
    expect(base()).toMatch(/^[0-9a-f]{64}$/);
    function base() {
      return sut('POST', '/', undefined);
    }
  });
});

describe('IDEMPOTENCY_KEY', () => {
  it('accepts printable keys up to 255 characters and nothing else', () => {
    expect(IDEMPOTENCY_KEY.test('a1b2-c3')).toBe(true);
    expect(IDEMPOTENCY_KEY.test('x'.repeat(256))).toBe(false);
    expect(IDEMPOTENCY_KEY.test('has space')).toBe(false);
    expect(IDEMPOTENCY_KEY.test('')).toBe(false);
  });
});
