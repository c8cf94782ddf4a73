/** The journeys' storage port: tenant facts, onboarding items, check-ins, offboarding feedback. */
import { TenantScope, Transaction } from '@tenantry/persistence';

export interface JourneyTenant {
  tenantId: string;
  createdAt: Date | null;
  band: string | null;
  greenSince: Date | null;
  removedAt: Date | null;
  /** From TenantCreated: `subdomain` (a platform subdomain, nothing to verify) or `custom`; null when not known. */
  domainType: string | null;
}

/** One change of the facts a tenant's journeys act on; each applies only when newer than what is stored (order-tolerant). */
export type TenantFact =
  | { kind: 'created'; at: Date; domainType: string | null }
  | { kind: 'band'; band: string; at: Date }
  | { kind: 'suspended'; reason: string | null; at: Date }
  | { kind: 'reactivated'; at: Date }
  | { kind: 'offboarding'; reason: string | null; at: Date }
  | { kind: 'removed'; reason: string | null; at: Date }
  | { kind: 'written-off'; at: Date };

export interface CheckIn {
  id: string;
  tenantId: string;
  kind: 'churn-risk' | 'success';
  status: 'open' | 'completed';
  reasons: string[];
  details: string[];
  dueAt: Date;
  completedAt: Date | null;
  completedBy: string | null;
  note: string | null;
}

export interface OffboardingFeedback {
  id: string;
  tenantId: string;
  reason: string;
  score: number;
  comment: string | null;
  createdAt: Date;
}

export interface WinBackCandidate {
  tenantId: string;
  removedAt: Date;
  /** The reason of its latest suspension still in force when it left. */
  suspendedReason: string | null;
  /** The reason given when offboarding started or the tenant was deleted. */
  removalReason: string | null;
  /** Billing wrote its debt off (DunningEscalated written_off). */
  writtenOff: boolean;
}

export abstract class JourneysRepository {
  abstract lockTenant(tx: Transaction, scope: TenantScope): Promise<void>;
  abstract applyFact(tx: Transaction, scope: TenantScope, fact: TenantFact): Promise<void>;
  abstract tenant(tx: Transaction | undefined, scope: TenantScope): Promise<JourneyTenant | null>;
  /** Records the item as completed at `at` (keeping the earliest); true when it was not completed before. */
  abstract completeItem(tx: Transaction, scope: TenantScope, item: string, at: Date): Promise<boolean>;
  abstract completedItems(tx: Transaction | undefined, scope: TenantScope): Promise<Map<string, Date>>;
  /** Tenants of `tenantIds` that have not completed `item`. */
  abstract missingItem(tx: Transaction, tenantIds: readonly string[], item: string): Promise<Set<string>>;
  /** Adds the check-in unless one with the same `source` exists; true when added. */
  abstract addCheckIn(tx: Transaction, checkIn: CheckIn, source: string): Promise<boolean>;
  abstract checkIns(status: 'open' | 'completed' | undefined, limit: number): Promise<CheckIn[]>;
  abstract checkIn(tx: Transaction, id: string): Promise<CheckIn | null>;
  abstract completeCheckIn(tx: Transaction, id: string, note: string, by: string, at: Date): Promise<void>;
  /** Green tenants still here whose last success check-in (or, for the first, the start of their green run) is before `dueBefore`. */
  abstract successCheckInsDue(dueBefore: Date, limit: number): Promise<string[]>;
  abstract markSuccessCheckIn(tx: Transaction, scope: TenantScope, at: Date): Promise<void>;
  abstract winBacksDue(removedBefore: Date, limit: number): Promise<WinBackCandidate[]>;
  abstract markWinBack(tx: Transaction, scope: TenantScope, status: string, at: Date): Promise<boolean>;
  abstract saveOffboardingFeedback(tx: Transaction | undefined, feedback: OffboardingFeedback): Promise<void>;
  abstract offboardingFeedback(tx: Transaction | undefined, scope: TenantScope): Promise<OffboardingFeedback[]>;
}
