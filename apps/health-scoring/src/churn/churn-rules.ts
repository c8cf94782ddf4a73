/**
 * Churn-risk reasons as a pure function of a tenant's current score, its recent history and its
 * inputs. A reason holds while its condition holds; the use case raises it once per episode and
 * re-arms it when the condition no longer holds (the tenant recovered).
 */
import { ChurnReason, HealthBand } from '@tenantry/contracts';
import { DAY_MS } from '../scoring/health-score';

export const CHURN_SCORE_DROP_POINTS = 15;
export const CHURN_SCORE_DROP_WINDOW_DAYS = 30;
export const CHURN_USAGE_DECLINE = 0.4;
export const CHURN_PAYMENT_FAILURES = 2;
export const CHURN_RED_DAYS = 7;

export interface ChurnFacts {
  overall: number;
  band: HealthBand;
  /** The highest overall score in the last 30 days (history and current). */
  peakLast30Days: number;
  apiCalls: { current: number; previous: number };
  failedPayments: number;
  /** Since when the tenant has been red without interruption, or null. */
  redSince: Date | null;
  now: Date;
}

/** The reasons that hold now, each with a sentence a person understands. */
export function churnReasons(facts: ChurnFacts): Map<ChurnReason, string> {
  const reasons = new Map<ChurnReason, string>();
  const drop = facts.peakLast30Days - facts.overall;
  if (drop >= CHURN_SCORE_DROP_POINTS) reasons.set('score-drop', `Health score fell ${drop} points within 30 days (from ${facts.peakLast30Days} to ${facts.overall})`);
  const { current, previous } = facts.apiCalls;
  if (previous > 0 && (previous - current) / previous >= CHURN_USAGE_DECLINE) {
    reasons.set('usage-decline', `API calls down ${Math.round(((previous - current) / previous) * 100)} % against the previous 30 days (${current} against ${previous})`);
  }
  if (facts.failedPayments >= CHURN_PAYMENT_FAILURES) reasons.set('payment-failures', `${facts.failedPayments} failed payments on unpaid invoices`);
  if (facts.band === 'red' && facts.redSince && facts.now.getTime() - facts.redSince.getTime() >= CHURN_RED_DAYS * DAY_MS) {
    reasons.set('red-7-days', `Red since ${facts.redSince.toISOString().slice(0, 10)} (${Math.floor((facts.now.getTime() - facts.redSince.getTime()) / DAY_MS)} days)`);
  }
  return reasons;
}

/** medium for one reason, high for two or more at once. */
export function riskOf(openReasons: number): 'medium' | 'high' {
  return openReasons >= 2 ? 'high' : 'medium';
}
