/** Usage events, aggregates and unique members; every read names the tenant, every write is one multi-row statement. */
import { TenantScope, Transaction } from '@tenantry/persistence';
import { Granularity } from '../billable-metrics/metric-catalogue';
import { AggregateContribution, AggregatePoint, PeriodFigure, UniqueMember, UsageEventRecord } from './usage-event.row';

/**
 * What identifies a usage event: its tenant, its source and the id that source gave it. Every source
 * has its own id space (a client's ids are `api`'s), so no client-chosen id can ever collide with
 * an id the collector or the gateway's sampling chose, however predictable those are.
 */
export interface EventKey {
  tenantId: string;
  source: string;
  eventId: string;
}

export function eventKey(key: EventKey): string {
  return `${key.tenantId}\u0000${key.source}\u0000${key.eventId}`;
}

export function memberKey(member: Omit<UniqueMember, 'member'> & { member: string }): string {
  return [member.tenantId, member.metric, member.granularity, member.windowStart.toISOString(), member.source, member.groupKey, member.member].join('\u0000');
}

export abstract class UsageRepository {
  /** Which of the keys were already counted on or after `since` (a day, YYYY-MM-DD); inside `tx` when given. */
  abstract countedEvents(keys: readonly EventKey[], since: string, tx?: Transaction): Promise<Set<string>>;
  /** Inserts the events; returns those that were not counted before. */
  abstract insertNewEvents(tx: Transaction, events: readonly UsageEventRecord[]): Promise<UsageEventRecord[]>;
  /** Inserts the members; returns the keys (memberKey) of those that were new to their window. */
  abstract insertNewMembers(tx: Transaction, members: readonly UniqueMember[]): Promise<Set<string>>;
  abstract applyContributions(tx: Transaction, contributions: readonly AggregateContribution[]): Promise<void>;
  abstract series(scope: TenantScope & { granularity: Granularity; from: Date; to: Date; metric?: string }): Promise<AggregatePoint[]>;
  /** The month's figures: counted and per source (group key ''), and the group-by figures of `groupBy` when given. */
  abstract currentPeriod(scope: TenantScope & { periodStart: Date; metric?: string; groupBy?: string }): Promise<PeriodFigure[]>;
}
