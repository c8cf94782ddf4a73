/**
 * The onboarding checklist: which items a tenant has completed, from the events that complete them.
 * An item no event tells yet stays `unknown` (its seam is named in `source`) and is left out of
 * the progress until it has a source; an item that does not apply to the tenant (`domain-verified`
 * on a platform subdomain) is `not-applicable` and left out likewise.
 */
import { OnboardingItem, ONBOARDING_ITEMS } from '@tenantry/contracts';

export interface ChecklistItemDefinition {
  label: string;
  /** The event that completes it; `null` when none does yet. */
  source: string;
  known: boolean;
}

export const CHECKLIST: Record<OnboardingItem, ChecklistItemDefinition> = {
  'branding-set': { label: 'Branding set in the configuration (logo or colour)', source: 'TenantConfigChanged (configuration.branding)', known: true },
  'first-usage': { label: 'First usage recorded', source: 'UsageRecorded', known: true },
  'first-active-user': { label: 'First active user', source: 'UsageRecorded with properties.userId', known: true },
  'payment-method-attached': { label: 'Payment method attached', source: 'PaymentMethodAttached (or, for a card attached before billing announced it, InvoicePaid with an amount above 0)', known: true },
  'domain-verified': { label: 'Custom domain verified', source: 'DomainVerified', known: true },
};

export interface ChecklistItemView {
  item: OnboardingItem;
  status: 'done' | 'pending' | 'unknown' | 'not-applicable';
  completedAt: string | null;
  source: string;
  label: string;
}

export interface ChecklistView {
  items: ChecklistItemView[];
  progressPercent: number;
  complete: boolean;
  firstValueAt: string | null;
  timeToFirstValueSeconds: number | null;
}

/** What the checklist needs to know of the tenant: its creation and whether its domain is a platform subdomain. */
export interface ChecklistTenant {
  createdAt: Date | null;
  domainType: string | null;
}

/** Items that do not apply to this tenant: a platform subdomain has no custom domain to verify. */
export function notApplicableItems(tenant: ChecklistTenant | null): ReadonlySet<OnboardingItem> {
  return new Set<OnboardingItem>(tenant?.domainType === 'subdomain' ? ['domain-verified'] : []);
}

export function checklistOf(completed: ReadonlyMap<string, Date>, tenant: ChecklistTenant | null): ChecklistView {
  const notApplicable = notApplicableItems(tenant);
  const items = ONBOARDING_ITEMS.map((item): ChecklistItemView => {
    const definition = CHECKLIST[item];
    const at = completed.get(item);
    const status = at ? 'done' : notApplicable.has(item) ? 'not-applicable' : definition.known ? 'pending' : 'unknown';
    return { item, status, completedAt: at?.toISOString() ?? null, source: definition.source, label: definition.label };
  });
  const createdAt = tenant?.createdAt ?? null;
  const counted = items.filter((item) => item.status !== 'unknown' && item.status !== 'not-applicable');
  const done = counted.filter((item) => item.status === 'done').length;
  const firstValue = completed.get('first-usage') ?? null;
  return {
    items,
    progressPercent: counted.length === 0 ? 0 : Math.floor((done * 100) / counted.length),
    complete: done === counted.length,
    firstValueAt: firstValue?.toISOString() ?? null,
    timeToFirstValueSeconds: timeToFirstValue(createdAt, firstValue),
  };
}

export function timeToFirstValue(createdAt: Date | null, firstValueAt: Date | null): number | null {
  if (!createdAt || !firstValueAt) return null;
  return Math.max(0, Math.floor((firstValueAt.getTime() - createdAt.getTime()) / 1000));
}

/** A configuration sets branding when its `branding` object has a non-empty value (logoUrl, primaryColor, …). */
export function hasBranding(configuration: unknown): boolean {
  if (typeof configuration !== 'object' || configuration === null) return false;
  const branding = (configuration as Record<string, unknown>)['branding'];
  if (typeof branding !== 'object' || branding === null) return false;
  return Object.values(branding as Record<string, unknown>).some((value) => value !== null && value !== undefined && value !== '');
}

/**
 * Tenants removed for abuse or a non-payment write-off get no win-back: a reason given on
 * suspension, offboarding or deletion naming one of these, or a dunning that reached written_off.
 */
const NO_WINBACK_REASON = /abuse|fraud|spam|terms[- ]of[- ]service|tos[- ]violation|write[-_ ]?off|written[-_ ]?off|non[-_ ]?payment/i;

export function excludesWinBack(reason: string | null | undefined): boolean {
  return typeof reason === 'string' && NO_WINBACK_REASON.test(reason);
}
