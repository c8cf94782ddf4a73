/**
 * Turns a tenant's projected signals, usage totals and feedback into the scoring inputs, as of
 * `now`. Pure: the same facts give the same inputs whatever order the events arrived in.
 */
import { DAY_MS, DunningStage, HealthInputs } from '../scoring/health-score';
import { Signal } from './signal';

export interface UsageTotals {
  apiCalls: { current: number; previous: number };
  activeUsers: { current: number; previous: number };
}

export interface FeedbackTotals {
  responses: number;
  average: number | null;
}

const BILLING = new Set(['InvoiceIssued', 'InvoicePaid', 'InvoiceFailed', 'DunningEscalated', 'DunningCleared', 'SubscriptionChanged']);
const ALERT_WINDOW_DAYS = 30;
const PERFORMANCE_WINDOW_DAYS = 7;

const latestFirst = (a: Signal, b: Signal) => b.at.getTime() - a.at.getTime() || b.eventId.localeCompare(a.eventId);

export function gatherInputs(signals: readonly Signal[], usage: UsageTotals, feedback: FeedbackTotals, now: Date): HealthInputs {
  const since = (days: number) => (signal: Signal) => signal.at.getTime() > now.getTime() - days * DAY_MS && signal.at.getTime() <= now.getTime();
  const recentAlerts = signals.filter(since(ALERT_WINDOW_DAYS));
  const degraded = signals.filter((s) => s.type === 'TenantPerformanceDegraded').filter(since(PERFORMANCE_WINDOW_DAYS));
  return {
    apiCalls: usage.apiCalls,
    activeUsers: usage.activeUsers,
    billing: billingFacts(signals, now),
    known: signals.some((s) => s.type.startsWith('Tenant') && s.type !== 'TenantPerformanceDegraded'),
    limits: {
      thresholds: recentAlerts.filter((s) => s.type === 'UsageThresholdReached').length,
      softExceeded: recentAlerts.filter((s) => s.type === 'UsageLimitExceeded' && s.data['mode'] === 'soft').length,
      hardExceeded: recentAlerts.filter((s) => s.type === 'UsageLimitExceeded' && s.data['mode'] === 'hard').length,
    },
    performance: {
      degradedWindows: degraded.length,
      worstP95Ms: degraded.length ? Math.max(...degraded.map((s) => Number(s.data['p95Ms'] ?? 0))) : null,
      worstErrorRate: degraded.length ? Math.max(...degraded.map((s) => Number(s.data['errorRate'] ?? 0))) : null,
    },
    feedback,
  };
}

/** Open invoices, failed payments of unpaid invoices, the dunning stage and subscription status, from billing's events. */
export function billingFacts(signals: readonly Signal[], now: Date): HealthInputs['billing'] {
  const billing = signals.filter((s) => BILLING.has(s.type));
  const paid = new Set(billing.filter((s) => s.type === 'InvoicePaid').map((s) => s.data['invoiceId'] as string));
  const unpaid = (s: Signal) => !paid.has(s.data['invoiceId'] as string);
  const overdue = new Set(billing.filter((s) => s.type === 'InvoiceIssued' && unpaid(s) && new Date(s.data['dueAt'] as string).getTime() < now.getTime()).map((s) => s.data['invoiceId'] as string));
  const failed = new Set(billing.filter((s) => s.type === 'InvoiceFailed' && unpaid(s)).map((s) => `${String(s.data['invoiceId'])}#${String(s.data['attempt'])}`));
  const cleared = billing.filter((s) => s.type === 'DunningCleared').sort(latestFirst)[0];
  // The latest step of an invoice still unpaid, unless billing closed the episode after it.
  const dunning = billing.filter((s) => s.type === 'DunningEscalated' && unpaid(s) && (!cleared || s.at > cleared.at)).sort(latestFirst)[0];
  const subscription = billing.filter((s) => s.type === 'SubscriptionChanged').sort(latestFirst)[0];
  return {
    seen: billing.length > 0,
    overdueInvoices: overdue.size,
    failedAttempts: failed.size,
    dunningStage: dunning ? (dunning.data['step'] as DunningStage) : null,
    subscriptionStatus: subscription ? (subscription.data['status'] as string) : null,
  };
}

/** The tenant's lifecycle status: the `to` of its latest status transition (TenantCreated alone: provisioning). */
export function statusOf(signals: readonly Signal[]): { status: string; since: Date } | null {
  const transition = signals.filter((s) => typeof s.data['to'] === 'string' && typeof s.data['from'] === 'string').sort(latestFirst)[0];
  if (transition) return { status: transition.data['to'] as string, since: transition.at };
  const created = signals.find((s) => s.type === 'TenantCreated');
  return created ? { status: 'provisioning', since: created.at } : null;
}

export { latestFirst };
