/**
 * The health score as a pure function of what the projection knows about one tenant (its inputs,
 * gathered as of `now`) and the weights. Every number is in the service README; the unit spec and
 * the integration test hold them.
 */
import { HealthBand } from '@tenantry/contracts';
import { ComponentName, COMPONENTS, Weights } from './weights';

/** The step of billing's dunning ladder the tenant's unpaid invoices reached (DunningEscalated). */
export type DunningStage = 'warning' | 'suspended' | 'inactive' | 'written_off';

/** One tenant's facts, counted over the windows the rules use (30 days unless said otherwise). */
export interface HealthInputs {
  /** API calls in (now − 30 d, now] and (now − 60 d, now − 30 d]. */
  apiCalls: { current: number; previous: number };
  /** Distinct active users over the same two periods. */
  activeUsers: { current: number; previous: number };
  /** Billing: whether any billing event of the tenant was seen, and what is still open. */
  billing: {
    seen: boolean;
    overdueInvoices: number;
    /** Failed payment attempts of invoices still unpaid. */
    failedAttempts: number;
    dunningStage: DunningStage | null;
    subscriptionStatus: string | null;
  };
  /** Whether the tenant is known (a lifecycle event) — compliance then has data even without alerts. */
  known: boolean;
  /** Limit alerts of the last 30 days. */
  limits: { thresholds: number; softExceeded: number; hardExceeded: number };
  /** TenantPerformanceDegraded windows of the last 7 days, with the worst p95 and error rate among them. */
  performance: { degradedWindows: number; worstP95Ms: number | null; worstErrorRate: number | null };
  /** Feedback of the last 90 days. */
  feedback: { responses: number; average: number | null };
}

export interface ComponentScore {
  score: number;
  explanation: string;
  inputs: Record<string, number | string | null>;
}

export type Components = Partial<Record<ComponentName, ComponentScore>>;

export interface HealthAlert {
  component: ComponentName;
  score: number;
  message: string;
}

export interface HealthScore {
  overall: number;
  band: HealthBand;
  components: Components;
  /** The components without data (left out, weights renormalised). */
  withoutData: ComponentName[];
  explanation: string;
  alerts: HealthAlert[];
}

export const DAY_MS = 86_400_000;
export const BAND_RED_MAX = 50;
export const BAND_YELLOW_MAX = 75;

export function bandOf(score: number): HealthBand {
  if (score <= BAND_RED_MAX) return 'red';
  if (score <= BAND_YELLOW_MAX) return 'yellow';
  return 'green';
}

const clamp = (value: number) => Math.max(0, Math.min(100, Math.round(value)));
const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** A measure against its previous period: 100 when it held or grew, else the share that is left (down 42 % → 58). */
export function trend(label: string, current: number, previous: number): { score: number; explanation: string } | null {
  if (previous <= 0) return current > 0 ? { score: 100, explanation: `${label}: ${current} in the last 30 days, none the 30 days before` } : null;
  const change = (current - previous) / previous;
  const percent = Math.round(Math.abs(change) * 100);
  const words = percent === 0 ? 'steady' : change > 0 ? `up ${percent} %` : `down ${percent} %`;
  return { score: change >= 0 ? 100 : clamp(100 * (current / previous)), explanation: `${label} ${words} against the previous 30 days` };
}

export function activityScore(inputs: HealthInputs): ComponentScore | null {
  const parts = [trend('API calls', inputs.apiCalls.current, inputs.apiCalls.previous), trend('Active users', inputs.activeUsers.current, inputs.activeUsers.previous)].filter(
    (part): part is { score: number; explanation: string } => part !== null,
  );
  if (parts.length === 0) return null;
  return {
    score: clamp(parts.reduce((sum, part) => sum + part.score, 0) / parts.length),
    explanation: parts.map((part) => part.explanation).join('; '),
    inputs: { apiCallsLast30Days: inputs.apiCalls.current, apiCallsPrevious30Days: inputs.apiCalls.previous, activeUsersLast30Days: inputs.activeUsers.current, activeUsersPrevious30Days: inputs.activeUsers.previous },
  };
}

export const REVENUE_PENALTY = { overdueInvoice: 40, failedAttempt: 15, pastDue: 20 } as const;
export const DUNNING_PENALTY: Record<DunningStage, number> = { warning: 20, suspended: 30, inactive: 40, written_off: 40 };

export function revenueScore(inputs: HealthInputs): ComponentScore | null {
  const { billing } = inputs;
  if (!billing.seen) return null;
  if (billing.subscriptionStatus === 'canceled') {
    return { score: 0, explanation: 'Subscription canceled', inputs: { subscriptionStatus: 'canceled' } };
  }
  const penalty =
    REVENUE_PENALTY.overdueInvoice * billing.overdueInvoices +
    REVENUE_PENALTY.failedAttempt * billing.failedAttempts +
    (billing.dunningStage ? DUNNING_PENALTY[billing.dunningStage] : 0) +
    (billing.subscriptionStatus === 'past_due' ? REVENUE_PENALTY.pastDue : 0);
  const problems = [
    billing.overdueInvoices > 0 ? `${plural(billing.overdueInvoices, 'invoice')} overdue` : '',
    billing.failedAttempts > 0 ? `${plural(billing.failedAttempts, 'failed payment')} on unpaid invoices` : '',
    billing.dunningStage ? `dunning at ${billing.dunningStage}` : '',
    billing.subscriptionStatus === 'past_due' ? 'subscription past due' : '',
  ].filter(Boolean);
  return {
    score: clamp(100 - penalty),
    explanation: problems.length === 0 ? 'All invoices paid, none overdue' : capitalise(problems.join(', ')),
    inputs: { overdueInvoices: billing.overdueInvoices, failedPayments: billing.failedAttempts, dunningStage: billing.dunningStage, subscriptionStatus: billing.subscriptionStatus },
  };
}

export const COMPLIANCE_PENALTY = { threshold: 5, softExceeded: 15, hardExceeded: 30 } as const;

export function complianceScore(inputs: HealthInputs): ComponentScore | null {
  const { thresholds, softExceeded, hardExceeded } = inputs.limits;
  if (!inputs.known && thresholds + softExceeded + hardExceeded === 0) return null;
  const problems = [
    thresholds > 0 ? plural(thresholds, 'limit warning') : '',
    softExceeded > 0 ? plural(softExceeded, 'soft limit exceeded', 'soft limits exceeded') : '',
    hardExceeded > 0 ? plural(hardExceeded, 'hard limit hit', 'hard limits hit') : '',
  ].filter(Boolean);
  return {
    score: clamp(100 - COMPLIANCE_PENALTY.threshold * thresholds - COMPLIANCE_PENALTY.softExceeded * softExceeded - COMPLIANCE_PENALTY.hardExceeded * hardExceeded),
    explanation: problems.length === 0 ? 'No limit alerts in the last 30 days' : `${capitalise(problems.join(', '))} in the last 30 days`,
    inputs: { limitWarnings: thresholds, softLimitsExceeded: softExceeded, hardLimitsHit: hardExceeded },
  };
}

export const PERFORMANCE_PENALTY_PER_WINDOW = 10;

export function performanceScore(inputs: HealthInputs): ComponentScore | null {
  const { degradedWindows, worstP95Ms, worstErrorRate } = inputs.performance;
  if (degradedWindows === 0 && inputs.apiCalls.current === 0) return null;
  const worst = degradedWindows > 0 ? ` (worst p95 ${Math.round(worstP95Ms ?? 0)} ms, ${Math.round((worstErrorRate ?? 0) * 100)} % errors)` : '';
  return {
    score: clamp(100 - PERFORMANCE_PENALTY_PER_WINDOW * degradedWindows),
    explanation: degradedWindows === 0 ? 'No degraded performance windows in the last 7 days' : `${capitalise(plural(degradedWindows, 'degraded performance window'))} in the last 7 days${worst}`,
    inputs: { degradedWindows, worstP95Ms, worstErrorRate },
  };
}

export function satisfactionScore(inputs: HealthInputs): ComponentScore | null {
  const { responses, average } = inputs.feedback;
  if (responses === 0 || average === null) return null;
  const shown = Math.round(average * 10) / 10;
  return {
    score: clamp(average * 10),
    explanation: `Average feedback ${shown}/10 from ${plural(responses, 'response')} in the last 90 days`,
    inputs: { responses, averageScore: shown },
  };
}

const RULES: Record<ComponentName, (inputs: HealthInputs) => ComponentScore | null> = {
  activity: activityScore,
  revenue: revenueScore,
  compliance: complianceScore,
  performance: performanceScore,
  satisfaction: satisfactionScore,
};

/** The weighted mean of the components with data (weights renormalised over them), its band, and what drags it down; null when no component has data. */
export function computeHealth(inputs: HealthInputs, weights: Weights): HealthScore | null {
  const components: Components = {};
  const withoutData: ComponentName[] = [];
  let weighted = 0;
  let total = 0;
  for (const name of COMPONENTS) {
    const component = RULES[name](inputs);
    if (!component) {
      withoutData.push(name);
      continue;
    }
    components[name] = component;
    weighted += weights[name] * component.score;
    total += weights[name];
  }
  if (total === 0) return null;
  const overall = clamp(weighted / total);
  const used = COMPONENTS.filter((name) => components[name] && weights[name] > 0);
  const explanation =
    `Weighted mean of ${used.join(', ')}` + (withoutData.length > 0 ? `; no data for ${withoutData.join(', ')}, left out and the other weights renormalised` : '');
  const alerts = COMPONENTS.flatMap((name) => {
    const component = components[name];
    return component && component.score <= BAND_YELLOW_MAX ? [{ component: name, score: component.score, message: component.explanation }] : [];
  }).sort((a, b) => a.score - b.score);
  return { overall, band: bandOf(overall), components, withoutData, explanation, alerts };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
