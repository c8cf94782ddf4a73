// Internal tokens: only a current token the gateway signed for this very service is accepted.
import { createHmac, generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import {
  correlationIdOf,
  InternalKeyError,
  InternalTokenError,
  InternalTokenFailure,
  parseServiceKeys,
  parseSigningKey,
  parseVerifyKeys,
  serviceTokenIssuer,
  signInternalToken,
  SigningKey,
  verifyInternalToken,
} from './internal-token';

function keyPair(kid: string): { signing: SigningKey; signingText: string; verifyText: string; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const signingText = `${kid}:${privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64')}`;
  const verifyText = `${kid}:${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
  return { signing: parseSigningKey(signingText), signingText, verifyText, publicKey };
}

const NOW = new Date('2026-11-30T12:00:00Z');
const REQUEST = { audience: 'tenant-registry', actor: 'key:0b5c3a8e-1f43-4a0e-9d59-3d1c4a2e7f10', role: 'platform-admin', requestId: 'r-1' };

function failure(run: () => unknown): InternalTokenFailure | 'none' {
  try {
    run();
    return 'none';
  } catch (error) {
    if (error instanceof InternalTokenError) return error.reason;
    throw error;
  }
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe(verifyInternalToken.name, () => {
  const current = keyPair('k1');
  const keys = parseVerifyKeys(current.verifyText);
  const sut = (token: string, now = NOW, audience = 'tenant-registry') => verifyInternalToken(token, { keys, audience, now });

  it('carries the actor behind an impersonation as an `act` claim, and refuses a malformed one', () => {
    const token = signInternalToken(current.signing, { ...REQUEST, actor: 'impersonation:5f1d2c3b-0000-4000-8000-000000000001', actingActor: 'key:0b5c3a8e-1f43-4a0e-9d59-3d1c4a2e7f10' }, NOW);
    expect(sut(token)).toMatchObject({ sub: 'impersonation:5f1d2c3b-0000-4000-8000-000000000001', act: { sub: 'key:0b5c3a8e-1f43-4a0e-9d59-3d1c4a2e7f10' } });
    expect(sut(signInternalToken(current.signing, REQUEST, NOW))).not.toHaveProperty('act');
    const header = b64({ alg: 'EdDSA', kid: 'k1', typ: 'tenantry-internal+jwt' });
    const iat = Math.floor(NOW.getTime() / 1000);
    const payload = b64({ iss: 'tenantry-gateway', aud: 'tenant-registry', sub: 'impersonation:x', role: 'tenant-admin', rid: 'r', iat, exp: iat + 30, jti: 'j', act: { sub: 'has spaces' } });
    const forged = `${header}.${payload}.${sign(null, Buffer.from(`${header}.${payload}`, 'ascii'), current.signing.key).toString('base64url')}`;
    expect(failure(() => sut(forged))).toBe('invalid-claims');
  });

  it('accepts a token the gateway signed for this service and gives back its claims', () => {
    const token = signInternalToken(current.signing, { ...REQUEST, tenantId: '7a0c9d7e-4a63-4f4b-9a3e-2c1c0f6c1b11', correlationId: 'client-42' }, NOW);
    expect(sut(token)).toEqual({
      iss: 'tenantry-gateway',
      aud: 'tenant-registry',
      sub: REQUEST.actor,
      role: 'platform-admin',
      tid: '7a0c9d7e-4a63-4f4b-9a3e-2c1c0f6c1b11',
      rid: 'r-1',
      cid: 'client-42',
      iat: NOW.getTime() / 1000,
      exp: NOW.getTime() / 1000 + 30,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const [header] = token.split('.');
    expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString())).toEqual({ alg: 'EdDSA', kid: 'k1', typ: 'tenantry-internal+jwt' });
  });

  it('refuses an expired token, allowing a few seconds of clock skew', () => {
    const token = signInternalToken(current.signing, { ...REQUEST, lifetimeSeconds: 60 }, NOW);
    expect(failure(() => sut(token, new Date(NOW.getTime() + 63_000)))).toBe('none');
    expect(failure(() => sut(token, new Date(NOW.getTime() + 66_000)))).toBe('expired');
  });

  it('refuses a token issued in the future beyond the skew', () => {
    const token = signInternalToken(current.signing, REQUEST, new Date(NOW.getTime() + 60_000));
    expect(failure(() => sut(token))).toBe('not-yet-valid');
  });

  it('refuses a token for another service', () => {
    const token = signInternalToken(current.signing, { ...REQUEST, audience: 'metering' }, NOW);
    expect(failure(() => sut(token))).toBe('wrong-audience');
    expect(failure(() => sut(token, NOW, 'metering'))).toBe('none');
  });

  it('refuses a token signed with another key under a known key id', () => {
    const stranger = keyPair('k1');
    expect(failure(() => sut(signInternalToken(stranger.signing, REQUEST, NOW)))).toBe('bad-signature');
  });

  it('refuses a token whose key id it does not know', () => {
    const other = keyPair('k2');
    expect(failure(() => sut(signInternalToken(other.signing, REQUEST, NOW)))).toBe('unknown-key');
  });

  it('refuses a token whose payload was changed after signing', () => {
    const [header, payload, signature] = signInternalToken(current.signing, { ...REQUEST, role: 'read-only' }, NOW).split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    const tampered = b64({ ...claims, role: 'platform-admin', sub: 'key:someone-else' });
    expect(failure(() => sut(`${header}.${tampered}.${signature}`))).toBe('bad-signature');
  });

  it('refuses alg confusion: alg none, HMAC keyed with the public key, RS256', () => {
    const claims = { iss: 'tenantry-gateway', aud: 'tenant-registry', sub: 'key:x', role: 'platform-admin', rid: 'r', iat: NOW.getTime() / 1000, exp: NOW.getTime() / 1000 + 30, jti: 'j' };
    const none = `${b64({ alg: 'none', kid: 'k1', typ: 'tenantry-internal+jwt' })}.${b64(claims)}.AA`;
    expect(failure(() => sut(none))).toBe('unsupported-algorithm');
    const hsInput = `${b64({ alg: 'HS256', kid: 'k1', typ: 'tenantry-internal+jwt' })}.${b64(claims)}`;
    const spki = current.publicKey.export({ type: 'spki', format: 'der' });
    const hs = `${hsInput}.${createHmac('sha256', spki).update(hsInput).digest('base64url')}`;
    expect(failure(() => sut(hs))).toBe('unsupported-algorithm');
    const rsInput = `${b64({ alg: 'RS256', kid: 'k1', typ: 'tenantry-internal+jwt' })}.${b64(claims)}`;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(failure(() => sut(`${rsInput}.${sign('sha256', Buffer.from(rsInput), privateKey).toString('base64url')}`))).toBe('unsupported-algorithm');
  });

  it('refuses a correctly signed token of another issuer or with a lifetime over 60 s', () => {
    const input = (claims: Record<string, unknown>) => `${b64({ alg: 'EdDSA', kid: 'k1', typ: 'tenantry-internal+jwt' })}.${b64(claims)}`;
    const signed = (claims: Record<string, unknown>) => {
      const text = input(claims);
      return `${text}.${sign(null, Buffer.from(text), current.signing.key).toString('base64url')}`;
    };
    const base = { iss: 'tenantry-gateway', aud: 'tenant-registry', sub: 'key:x', role: 'platform-admin', rid: 'r', iat: NOW.getTime() / 1000, exp: NOW.getTime() / 1000 + 30, jti: 'j' };
    expect(failure(() => sut(signed(base)))).toBe('none');
    expect(failure(() => sut(signed({ ...base, iss: 'tenant-registry' })))).toBe('wrong-issuer');
    expect(failure(() => sut(signed({ ...base, exp: base.iat + 3600 })))).toBe('invalid-claims');
    expect(failure(() => sut(signed({ ...base, sub: '' })))).toBe('invalid-claims');
  });

  it('refuses what is not a compact JWS', () => {
    for (const token of ['', 'a.b', 'a.b.c.d', '!!!.x.y', `${'a'.repeat(5000)}.b.c`]) expect(failure(() => sut(token))).toBe('malformed');
  });

  it('accepts tokens of either key while two verify keys are listed (rotation)', () => {
    const next = keyPair('k2');
    const both = parseVerifyKeys(`${current.verifyText}, ${next.verifyText}`);
    for (const signer of [current.signing, next.signing]) {
      expect(verifyInternalToken(signInternalToken(signer, REQUEST, NOW), { keys: both, audience: 'tenant-registry', now: NOW }).sub).toBe(REQUEST.actor);
    }
  });
});

describe(signInternalToken.name, () => {
  it('never signs a token living longer than 60 s', () => {
    expect(() => signInternalToken(keyPair('k').signing, { ...REQUEST, lifetimeSeconds: 61 }, NOW)).toThrow(RangeError);
  });
});

describe('key parsing', () => {
  it('reads the keys dev-secrets makes, and names what is wrong with a bad one', () => {
    const pair = keyPair('dev-1');
    expect(parseSigningKey(pair.signingText).kid).toBe('dev-1');
    expect([...parseVerifyKeys(pair.verifyText).keys()]).toEqual(['dev-1']);
    expect(() => parseSigningKey('no-colon')).toThrow(InternalKeyError);
    expect(() => parseSigningKey(pair.verifyText)).toThrow(/not a PKCS#8/);
    expect(() => parseVerifyKeys(pair.signingText)).toThrow(/not an SPKI/);
    expect(() => parseVerifyKeys(`${pair.verifyText},${pair.verifyText}`)).toThrow(/listed twice/);
    expect(() => parseVerifyKeys(' , ')).toThrow(/at least one/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    expect(() => parseVerifyKeys(`r:${rsa}`)).toThrow(/not an Ed25519/);
  });
});

describe(correlationIdOf.name, () => {
  it('keeps up to 128 visible ASCII characters and drops anything else', () => {
    expect(correlationIdOf('abc-123')).toBe('abc-123');
    expect(correlationIdOf('x'.repeat(128))).toBe('x'.repeat(128));
    expect(correlationIdOf('x'.repeat(129))).toBeNull();
    expect(correlationIdOf('has space')).toBeNull();
    expect(correlationIdOf('é')).toBeNull();
    expect(correlationIdOf(['a'])).toBeNull();
    expect(correlationIdOf(undefined)).toBeNull();
  });
});

describe('a service\'s own tokens', () => {
  const notifications = keyPair('n1');
  const keys = parseVerifyKeys(notifications.verifyText);
  const token = signInternalToken(notifications.signing, { ...REQUEST, audience: 'billing', issuer: serviceTokenIssuer('notifications'), actor: 'service:notifications', role: 'service' }, NOW);

  it('verify only when that issuer is asked for: a gateway verification refuses them', () => {
    expect(verifyInternalToken(token, { keys, audience: 'billing', issuer: 'tenantry-notifications', now: NOW })).toMatchObject({ iss: 'tenantry-notifications', sub: 'service:notifications', role: 'service' });
    expect(failure(() => verifyInternalToken(token, { keys, audience: 'billing', now: NOW }))).toBe('wrong-issuer');
  });

  it('parses INTERNAL_AUTH_SERVICE_KEYS by service, several keys per service while rotating', () => {
    const second = keyPair('n2');
    const parsed = parseServiceKeys(`notifications:${notifications.verifyText}, notifications:${second.verifyText}`);
    expect([...parsed.keys()]).toEqual(['notifications']);
    expect([...(parsed.get('notifications')?.keys() ?? [])]).toEqual(['n1', 'n2']);
    expect(parseServiceKeys('').size).toBe(0);
    expect(() => parseServiceKeys(notifications.verifyText)).toThrow(InternalKeyError); // no service named
    expect(() => parseServiceKeys(`Bad Name:${notifications.verifyText}`)).toThrow(InternalKeyError);
  });
});
