import { applyMergePatch, diffDocuments, effectiveConfiguration } from './configuration-document';
import { isCidr, validateConfiguration } from './configuration-schema';

describe('configuration document', () => {
  it('names every bad value by its path', () => {
    const problems = validateConfiguration({
      branding: { primaryColor: 'red', logoUrl: 'http://x.test/logo.png' },
      security: { allowedIpRanges: ['10.0.0.0/8', '10.0.0.1/33'], sessionLifetimeMinutes: 1 },
      features: { teleport: true },
      limits: { storage: 1 },
    });
    expect(problems.map((problem) => problem.field).sort()).toEqual(
      ['branding.logoUrl', 'branding.primaryColor', 'features.teleport', 'limits', 'security.allowedIpRanges[1]', 'security.sessionLifetimeMinutes'].sort(),
    );
    expect(problems.find((problem) => problem.field === 'security.allowedIpRanges[1]')).toMatchObject({ pointer: '/security/allowedIpRanges/1', message: expect.stringContaining('CIDR') });
  });

  it('accepts a full valid document', () => {
    expect(
      validateConfiguration({
        theme: 'dark',
        language: 'fr-FR',
        timezone: 'Europe/Paris',
        currency: 'EUR',
        branding: { logoUrl: 'https://cdn.example.com/logo.svg', primaryColor: '#112233', fontFamily: 'Inter, sans-serif' },
        features: { sso: true },
        integrations: { slack: { provider: 'slack', enabled: true, settings: { channel: '#ops' }, secrets: { botToken: 'xoxb-1' } } },
        security: { passwordPolicy: { minLength: 14 }, mfaRequired: true, allowedIpRanges: ['192.168.0.0/16', '2001:db8::/32'], sessionLifetimeMinutes: 60, sso: { enabled: true, protocol: 'oidc', issuer: 'https://idp.example.com', clientId: 'c', clientSecret: 's' } },
      }),
    ).toEqual([]);
  });

  it('validates CIDR ranges', () => {
    expect(['10.0.0.0/8', '0.0.0.0/0', '::1/128', '2001:db8::/32'].every(isCidr)).toBe(true);
    expect(['10.0.0.0', '10.0.0.0/33', '300.1.1.1/8', '::1/129', 'x/1'].some(isCidr)).toBe(false);
  });

  it('applies a merge patch (null removes) and lists changed paths with secrets masked', () => {
    const before = { branding: { primaryColor: '#000000' }, integrations: { slack: { provider: 'slack', secrets: { token: 'cs1.a' } } } };
    const after = applyMergePatch(before, { branding: { primaryColor: null, accentColor: '#ffffff' }, integrations: { slack: { secrets: { token: 'cs1.b' } } } }) as Record<string, unknown>;
    expect(after).toEqual({ branding: { accentColor: '#ffffff' }, integrations: { slack: { provider: 'slack', secrets: { token: 'cs1.b' } } } });
    expect(diffDocuments(before, after)).toEqual([
      { path: 'branding.accentColor', before: null, after: '#ffffff' },
      { path: 'branding.primaryColor', before: '#000000', after: null },
      { path: 'integrations.slack.secrets.token', before: '********', after: '********' },
    ]);
  });

  it('says where each effective value comes from', () => {
    const { configuration, sources } = effectiveConfiguration({ theme: 'default', features: { sso: false, webhooks: true } }, { features: { sso: true } }, { storage: { limit: 1, mode: 'soft' } });
    expect(configuration).toEqual({ theme: 'default', features: { sso: true, webhooks: true }, limits: { storage: { limit: 1, mode: 'soft' } } });
    expect(sources).toEqual({ theme: 'plan-default', 'features.sso': 'tenant', 'features.webhooks': 'plan-default', 'limits.storage.limit': 'limits', 'limits.storage.mode': 'limits' });
  });
});
