import { checklistOf, excludesWinBack, hasBranding, notApplicableItems } from './onboarding-checklist';

describe('onboarding checklist', () => {
  const created = new Date('2026-01-01T00:00:00.000Z');
  const custom = { createdAt: created, domainType: 'custom' };

  it('counts every item, each with its event source, as pending until it is done', () => {
    const view = checklistOf(new Map([['first-usage', new Date('2026-01-01T02:30:00.000Z')]]), custom);
    expect(view.items.map((i) => [i.item, i.status])).toEqual([
      ['branding-set', 'pending'],
      ['first-usage', 'done'],
      ['first-active-user', 'pending'],
      ['payment-method-attached', 'pending'],
      ['domain-verified', 'pending'],
    ]);
    expect(view.items.find((i) => i.item === 'domain-verified')?.source).toBe('DomainVerified');
    expect(view).toMatchObject({ progressPercent: 20, complete: false, firstValueAt: '2026-01-01T02:30:00.000Z', timeToFirstValueSeconds: 9000 });
  });

  it('is complete when every known item is done, and has no time to first value without a creation', () => {
    const at = new Date('2026-01-02T00:00:00.000Z');
    const allButDomain = checklistOf(new Map(['branding-set', 'first-usage', 'first-active-user', 'payment-method-attached'].map((i) => [i, at])), null);
    expect(allButDomain).toMatchObject({ progressPercent: 80, complete: false });
    const view = checklistOf(new Map(['branding-set', 'first-usage', 'first-active-user', 'payment-method-attached', 'domain-verified'].map((i) => [i, at])), null);
    expect(view).toMatchObject({ progressPercent: 100, complete: true, timeToFirstValueSeconds: null });
  });

  it('leaves domain verification out for a tenant on a platform subdomain, so it can complete without one', () => {
    const at = new Date('2026-01-02T00:00:00.000Z');
    const subdomain = { createdAt: created, domainType: 'subdomain' };
    const firstOnly = checklistOf(new Map([['first-usage', at]]), subdomain);
    expect(firstOnly.items.find((i) => i.item === 'domain-verified')?.status).toBe('not-applicable');
    expect(firstOnly.progressPercent).toBe(25);
    const allButDomain = checklistOf(new Map(['branding-set', 'first-usage', 'first-active-user', 'payment-method-attached'].map((i) => [i, at])), subdomain);
    expect(allButDomain).toMatchObject({ progressPercent: 100, complete: true, timeToFirstValueSeconds: 86400 });
    expect([...notApplicableItems(subdomain)]).toEqual(['domain-verified']);
    expect([...notApplicableItems({ createdAt: created, domainType: 'custom' })]).toEqual([]);
    expect([...notApplicableItems(null)]).toEqual([]);
  });

  it('reads branding from the configuration', () => {
    expect(hasBranding({ branding: { logoUrl: 'https://x/logo.png' } })).toBe(true);
    expect(hasBranding({ branding: { logoUrl: '' } })).toBe(false);
    expect(hasBranding({ theme: 'dark' })).toBe(false);
  });

  it('names the removals that get no win-back', () => {
    expect(['abuse', 'Terms of service violation (spam)', 'non-payment write-off', 'written_off'].map(excludesWinBack)).toEqual([true, true, true, true]);
    expect(['customer request', 'too expensive', undefined, null].map(excludesWinBack)).toEqual([false, false, false, false]);
  });
});
