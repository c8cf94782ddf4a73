import { randomBytes } from 'node:crypto';
import { UnsubscribeTokens } from './unsubscribe-token';

describe(UnsubscribeTokens.name, () => {
  const sut = new UnsubscribeTokens(randomBytes(32).toString('base64'));
  const claims = { tenantId: '6b0f7d1e-1111-4111-8111-111111111111', recipient: 'Ops@Acme.example', category: 'usage' };

  it('verifies what it minted (recipient lower-cased)', () => {
    expect(sut.verify(sut.mint(claims))).toEqual({ ...claims, recipient: 'ops@acme.example' });
  });

  it('refuses a token changed anywhere, minted under another key, or malformed', () => {
    const token = sut.mint(claims);
    const [body, signature] = token.split('.') as [string, string];
    const otherBody = Buffer.from(JSON.stringify({ v: 1, t: claims.tenantId, r: 'ops@acme.example', c: 'billing' })).toString('base64url');
    for (const bad of [`${otherBody}.${signature}`, `${body}.${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`, `${body}.`, body, `${token}.x`, '', 'x'.repeat(2_000), new UnsubscribeTokens(randomBytes(32).toString('base64')).mint(claims)]) {
      expect(sut.verify(bad)).toBeUndefined();
    }
  });
});
