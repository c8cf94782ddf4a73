/** The tenant dashboard as a pure function of health scoring's projection of one tenant (no call to another service). */
import { DashboardActionDto, DashboardInvoiceDto, TenantDashboardDto, TenantHealthViewDto } from '@tenantry/health-api';
import { billingFacts, latestFirst, statusOf, UsageTotals } from '../projection/gather-inputs';
import { UsageSnapshot } from '../projection/health.repository';
import { Signal } from '../projection/signal';
import { DAY_MS } from '../scoring/health-score';

const LIFECYCLE_PREFIX = 'Tenant';
const USAGE_METRICS = ['api_calls', 'bandwidth_bytes', 'storage_bytes'] as const;
const RECENT_ACTIONS = 10;
const LAST_INVOICES = 3;

export interface DashboardFacts {
  tenantId: string;
  signals: readonly Signal[];
  usage: UsageSnapshot;
  totals: UsageTotals;
  health: TenantHealthViewDto;
  asOf: Date;
  now: Date;
}

export function buildDashboard(facts: DashboardFacts): TenantDashboardDto {
  const { signals, now } = facts;
  const created = signals.find((s) => s.type === 'TenantCreated')?.data;
  const plan = signals.filter((s) => s.type === 'TenantPlanChanged').sort(latestFirst)[0]?.data['toPlanId'];
  const status = statusOf(signals);
  return {
    tenantId: facts.tenantId,
    asOf: facts.asOf.toISOString(),
    status: {
      status: status?.status ?? 'unknown',
      since: (status?.since ?? facts.asOf).toISOString(),
      name: (created?.['name'] as string | undefined) ?? null,
      slug: (created?.['slug'] as string | undefined) ?? null,
      planId: (plan as string | undefined) ?? ((created?.['plan'] as { id?: string } | undefined)?.id ?? null),
    },
    usage: usageOf(signals, facts.usage, now),
    users: usersOf(created, facts.totals),
    revenue: revenueOf(signals, now),
    activity: {
      lastActiveDay: facts.usage.lastActivityDay,
      recentActions: signals
        .filter((s) => s.type.startsWith(LIFECYCLE_PREFIX) && s.type !== 'TenantPerformanceDegraded')
        .sort(latestFirst)
        .slice(0, RECENT_ACTIONS)
        .map(actionOf),
    },
    health: facts.health,
  };
}

function usageOf(signals: readonly Signal[], usage: UsageSnapshot, now: Date): TenantDashboardDto['usage'] {
  const limitsEvent = signals.filter((s) => s.type === 'TenantLimitsChanged').sort((a, b) => Number(b.data['version']) - Number(a.data['version']))[0];
  const limits = (limitsEvent?.data['limits'] as { metric: string; limit: string; mode: string }[] | undefined) ?? [];
  const metrics = USAGE_METRICS.map((metric) => {
    const used = usage.monthToDate[metric] ?? usage.latest[metric]?.value ?? 0;
    const limit = limits.find((l) => l.metric === metric);
    const percent = limit && Number(limit.limit) > 0 ? Math.round((used / Number(limit.limit)) * 100) : null;
    return { metric, used, limit: limit?.limit ?? null, mode: limit?.mode ?? null, percent };
  });
  const since = now.getTime() - 30 * DAY_MS;
  const limitAlertsLast30Days = signals.filter((s) => (s.type === 'UsageThresholdReached' || s.type === 'UsageLimitExceeded') && s.at.getTime() > since).length;
  return { metrics, limitAlertsLast30Days };
}

function usersOf(created: Record<string, unknown> | undefined, totals: UsageTotals): TenantDashboardDto['users'] {
  const seats = (created?.['resources'] as { users?: number } | undefined)?.users ?? null;
  const { current, previous } = totals.activeUsers;
  return { seats, active: current, activePrevious: previous, growthPercent: previous > 0 ? Math.round(((current - previous) / previous) * 100) : null };
}

function revenueOf(signals: readonly Signal[], now: Date): TenantDashboardDto['revenue'] {
  const facts = billingFacts(signals, now);
  const paid = new Set(signals.filter((s) => s.type === 'InvoicePaid').map((s) => s.data['invoiceId']));
  const failed = new Set(signals.filter((s) => s.type === 'InvoiceFailed').map((s) => s.data['invoiceId']));
  const invoices: DashboardInvoiceDto[] = signals
    .filter((s) => s.type === 'InvoiceIssued')
    .sort(latestFirst)
    .map((s) => {
      const invoiceId = s.data['invoiceId'] as string;
      const dueAt = s.data['dueAt'] as string;
      const status = paid.has(invoiceId) ? 'paid' : failed.has(invoiceId) ? 'failed' : new Date(dueAt).getTime() < now.getTime() ? 'overdue' : 'open';
      return { invoiceId, amountMinor: s.data['amountMinor'] as number, currency: s.data['currency'] as string, dueAt, status };
    });
  const latest = invoices[0];
  return {
    mrrMinor: latest?.amountMinor ?? null,
    currency: latest?.currency ?? null,
    paymentStatus: latest?.status ?? 'none',
    subscriptionStatus: facts.subscriptionStatus,
    dunningStage: facts.dunningStage,
    lastInvoices: invoices.slice(0, LAST_INVOICES),
  };
}

const VERBS: Record<string, string> = {
  TenantCreated: 'Created',
  TenantUpdated: 'Updated',
  TenantActivated: 'Activated',
  TenantSuspended: 'Suspended',
  TenantReactivated: 'Reactivated',
  TenantTrialStarted: 'Trial started',
  TenantDeactivated: 'Deactivated',
  TenantPlanChanged: 'Plan changed',
  TenantLimitsChanged: 'Limits changed',
  TenantConfigChanged: 'Configuration changed',
  TenantOffboardingStarted: 'Offboarding started',
  TenantDeleted: 'Deleted',
};

function actionOf(signal: Signal): DashboardActionDto {
  const { data } = signal;
  let summary = VERBS[signal.type] ?? signal.type;
  if (typeof data['from'] === 'string' && typeof data['to'] === 'string') summary += ` (${data['from']} → ${data['to']})`;
  if (typeof data['reason'] === 'string' && data['reason']) summary += `: ${data['reason']}`;
  if (signal.type === 'TenantPlanChanged') summary += ` from ${String(data['fromPlanId'])} to ${String(data['toPlanId'])}`;
  if (signal.type === 'TenantUpdated' && Array.isArray(data['changed'])) summary += `: ${(data['changed'] as string[]).join(', ')}`;
  return { type: signal.type, at: signal.at.toISOString(), summary };
}
