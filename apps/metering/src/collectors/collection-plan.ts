/** What one collection run records: slots, deterministic event ids and the UsageRecorded payloads (pure). */
import { UsageRecordedPayload } from '@tenantry/contracts';
import { MeteredTenantStatus } from '../tenants/tenant-status';
import { utcDay } from '../billable-metrics/metric-catalogue';

/** A user counts as active when their last login lies within this many days of the measurement. */
export const ACTIVE_USER_WINDOW_DAYS = 30;

export const COLLECTED_METRICS = ['database_bytes', 'storage_bytes', 'active_users'] as const;
export type CollectedMetric = (typeof COLLECTED_METRICS)[number];

/** One tenant's readings; a metric left out could not be measured this time and is not recorded. */
export interface TenantMeasurement {
  tenantId: string;
  /** Exact byte counts as decimal strings. */
  databaseBytes?: string;
  storageBytes?: string;
  activeUserIds?: readonly string[];
}

/** Suspended and deleted tenants are not measured (nor unknown ones); the rest may record usage. */
export function isMeasurable(status: MeteredTenantStatus | undefined): boolean {
  switch (status) {
    case 'known':
    case 'active':
    case 'inactive':
      return true;
    case 'suspended':
    case 'deleted':
    case undefined:
      return false;
  }
}

/** Start of the collection slot containing `at`: slots are the interval's multiples since the epoch. */
export function collectionSlot(at: Date, intervalMs: number): Date {
  return new Date(Math.floor(at.getTime() / intervalMs) * intervalMs);
}

/**
 * Ids are deterministic, so a rerun in the same slot (a restart, a second replica) yields the same
 * events and the consumer's dedup drops them. A gauge is read once per slot; an active user counts
 * once per UTC day (the aggregates only need one event per user per window).
 */
export function gaugeEventId(metric: 'database_bytes' | 'storage_bytes', slotStart: Date): string {
  return `collector:${metric}:${slotStart.toISOString()}`;
}

export function activeUserEventId(at: Date, userId: string): string {
  return `collector:active_users:${utcDay(at)}:${userId}`;
}

export function usageOf(measurement: TenantMeasurement, at: Date, slotStart: Date): UsageRecordedPayload[] {
  const timestamp = at.toISOString();
  const base = { tenantId: measurement.tenantId, timestamp, source: 'collector' as const };
  const events: UsageRecordedPayload[] = [];
  if (measurement.databaseBytes !== undefined) {
    events.push({ ...base, eventId: gaugeEventId('database_bytes', slotStart), metric: 'database_bytes', quantity: measurement.databaseBytes });
  }
  if (measurement.storageBytes !== undefined) {
    events.push({ ...base, eventId: gaugeEventId('storage_bytes', slotStart), metric: 'storage_bytes', quantity: measurement.storageBytes });
  }
  for (const userId of new Set(measurement.activeUserIds ?? [])) {
    events.push({ ...base, eventId: activeUserEventId(at, userId), metric: 'active_users', quantity: '1', properties: { userId } });
  }
  return events;
}
