/** The port of health scoring's projection and scores; PostgresHealthRepository implements it. */
import { ChurnReason, UsageRecordedPayload } from '@tenantry/contracts';
import { TenantScope, Transaction } from '@tenantry/persistence';
import { HealthScore } from '../scoring/health-score';
import { FeedbackTotals, UsageTotals } from './gather-inputs';
import { Signal } from './signal';

export interface StoredScore {
  overall: number;
  band: HealthScore['band'];
  detail: HealthScore;
  computedAt: Date;
  redSince: Date | null;
  publishedOverall: number | null;
  publishedBand: HealthScore['band'] | null;
}

export interface HistoryEntry {
  at: Date;
  overall: number;
  band: HealthScore['band'];
  detail: HealthScore;
}

export interface ChurnEpisode {
  reason: ChurnReason;
  detail: string;
  openedAt: Date;
  closedAt: Date | null;
}

export interface Feedback {
  id: string;
  score: number;
  comment: string | null;
  createdAt: Date;
}

export interface UsageSnapshot {
  /** Sum of the calendar month of `now` (UTC) per summed metric (api_calls, bandwidth_bytes). */
  monthToDate: Record<string, number>;
  /** The latest reading of measured metrics (storage_bytes, database_bytes). */
  latest: Record<string, { value: number; at: Date }>;
  lastActivityDay: string | null;
}

/** What recomputing one tenant reads, loaded for many tenants at once. */
export interface RecomputeState {
  signals: Signal[];
  usage: UsageTotals;
  feedback: FeedbackTotals;
  current: StoredScore | null;
  /** The highest score since the churn window's start per set of components without data (keyed by `JSON.stringify(withoutData)`). */
  peaks: Map<string, number>;
  openEpisodes: ChurnEpisode[];
}

export interface ScoreToSave {
  tenantId: string;
  score: StoredScore;
  /** Also append it to the history. */
  appendHistory: boolean;
}

export abstract class HealthRepository {
  /** Serialises the recomputation of each tenant (consumers of four topics, the rescoring and the periodic job); `tenantIds` sorted. */
  abstract lockTenants(tx: Transaction, tenantIds: readonly string[]): Promise<void>;
  /** False when the event id was already projected (redelivery, replay). */
  abstract saveSignal(tx: Transaction, signal: Signal): Promise<boolean>;
  abstract saveUsage(tx: Transaction, events: readonly UsageRecordedPayload[]): Promise<void>;
  /** Marks tenants for the rescoring job (one mark each per call, without waiting for a rescoring that holds older marks). */
  abstract markDirty(tx: Transaction, tenantIds: readonly string[]): Promise<void>;
  /**
   * Takes up to `limit` marks (removing them; marks another transaction holds are skipped) and
   * returns their tenants, distinct and sorted. A mark committed after this call is not taken.
   */
  abstract takeDirty(tx: Transaction, limit: number): Promise<string[]>;
  /** Removes the marks of these tenants. */
  abstract clearDirty(tx: Transaction, tenantIds: readonly string[]): Promise<void>;
  abstract signals(tx: Transaction | undefined, scope: TenantScope, since: Date): Promise<Signal[]>;
  abstract usageTotals(tx: Transaction | undefined, scope: TenantScope, now: Date): Promise<UsageTotals>;
  abstract usageSnapshot(scope: TenantScope, now: Date): Promise<UsageSnapshot>;
  abstract saveFeedback(tx: Transaction, scope: TenantScope, feedback: Feedback): Promise<void>;
  /**
   * Everything a recomputation as of `now` reads, for each tenant, in a few set-based queries:
   * signals since `signalsSince`, usage and feedback totals, the current score, the history's peaks
   * after `peaksSince`, the open churn episodes.
   */
  abstract recomputeStates(tx: Transaction, tenantIds: readonly string[], now: Date, signalsSince: Date, peaksSince: Date): Promise<Map<string, RecomputeState>>;
  abstract current(tx: Transaction | undefined, scope: TenantScope): Promise<StoredScore | null>;
  /** Stores the current scores, and appends to the history those with `appendHistory`. */
  abstract saveScores(tx: Transaction, scores: readonly ScoreToSave[]): Promise<void>;
  abstract history(scope: TenantScope, limit: number): Promise<HistoryEntry[]>;
  abstract openEpisodes(tx: Transaction | undefined, scope: TenantScope): Promise<ChurnEpisode[]>;
  abstract openEpisode(tx: Transaction, scope: TenantScope, reason: ChurnReason, detail: string, at: Date): Promise<void>;
  abstract closeEpisodes(tx: Transaction, scope: TenantScope, reasons: readonly ChurnReason[], at: Date): Promise<void>;
  /** Every tenant with a signal, usage or feedback (for the periodic recomputation). */
  abstract tenantIds(): Promise<string[]>;
}
