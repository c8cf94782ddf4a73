/** The rules one usage event must pass to be accepted: pure, so each rule is tested on its own. */
import { DECIMAL_PATTERN } from '@tenantry/contracts';
import { isUuid } from '@tenantry/service';
import { utcDay } from '../billable-metrics/metric-catalogue';
import { matchesFilters, mayRecordMeter, MeterLookup, meterMember } from '../meters/meter';
import { MeteredTenantStatus } from '../tenants/tenant-status';

/** Why an event was rejected; the codes are part of the API. */
export enum UsageRejection {
  UnknownTenant = 'unknown-tenant',
  TenantSuspended = 'tenant-suspended',
  TenantDeleted = 'tenant-deleted',
  InvalidEventId = 'invalid-event-id',
  UnknownMetric = 'unknown-metric',
  /** A metric the platform measures itself (storage, database size, active users): no client may write it. */
  MetricNotWritable = 'metric-not-writable',
  InvalidQuantity = 'invalid-quantity',
  InvalidTimestamp = 'invalid-timestamp',
  TimestampInFuture = 'timestamp-in-future',
  TimestampTooLate = 'timestamp-too-late',
  InvalidProperties = 'invalid-properties',
  MissingMember = 'missing-member',
  /** The event's properties do not pass the meter's filters. */
  FilterMismatch = 'filter-mismatch',
}

export interface UsageRules {
  now: Date;
  latenessMs: number;
  maxFutureSkewMs: number;
}

/**
 * The earliest day (YYYY-MM-DD) whose partition can hold a counted copy of an event timestamped at
 * or after `from`: copies of one event are accepted within the lateness window of each other (one
 * more day for the partition boundary), so older partitions need not be searched.
 */
export function earliestCopyDay(from: Date, latenessMs: number): string {
  return utcDay(new Date(from.getTime() - latenessMs - 86_400_000));
}

export interface SubmittedUsageEvent {
  tenantId: string;
  eventId: string;
  metric: string;
  quantity: string | number;
  timestamp: string;
  properties?: Record<string, unknown>;
}

export interface AcceptableUsageEvent {
  tenantId: string;
  eventId: string;
  metric: string;
  /** Exact decimal string. */
  quantity: string;
  timestamp: string;
  properties?: Record<string, string | number | boolean>;
}

export type UsageVerdict = { ok: true; event: AcceptableUsageEvent } | { ok: false; reason: UsageRejection };

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The quantity as an exact decimal string. A JSON number has already been through a binary float,
 * so only safe integers are taken in that form; fractions must come as strings.
 */
export function exactQuantity(quantity: string | number): string | undefined {
  if (typeof quantity === 'number') return Number.isSafeInteger(quantity) && quantity >= 0 ? String(Math.abs(quantity)) : undefined;
  return DECIMAL_PATTERN.test(quantity) ? quantity : undefined;
}

function tenantRejection(status: MeteredTenantStatus | undefined): UsageRejection | undefined {
  switch (status) {
    case undefined:
      return UsageRejection.UnknownTenant;
    case 'suspended':
      return UsageRejection.TenantSuspended;
    case 'deleted':
      return UsageRejection.TenantDeleted;
    case 'known':
    case 'active':
    case 'inactive':
      return undefined;
  }
}

function primitiveProperties(properties: Record<string, unknown> | undefined): Record<string, string | number | boolean> | undefined | false {
  if (properties === undefined) return undefined;
  for (const value of Object.values(properties)) {
    if (typeof value !== 'string' && typeof value !== 'boolean' && !(typeof value === 'number' && Number.isFinite(value))) return false;
  }
  return properties as Record<string, string | number | boolean>;
}

export function checkUsageEvent(event: SubmittedUsageEvent, tenantStatus: MeteredTenantStatus | undefined, rules: UsageRules, meters: MeterLookup): UsageVerdict {
  const reject = (reason: UsageRejection): UsageVerdict => ({ ok: false, reason });
  if (!isUuid(event.tenantId)) return reject(UsageRejection.UnknownTenant);
  const tenantProblem = tenantRejection(tenantStatus);
  if (tenantProblem) return reject(tenantProblem);
  if (event.eventId.length < 1 || event.eventId.length > 200) return reject(UsageRejection.InvalidEventId);
  const metric = meters(event.metric);
  if (!metric) return reject(UsageRejection.UnknownMetric);
  if (!mayRecordMeter(metric, 'api')) return reject(UsageRejection.MetricNotWritable);
  let quantity = exactQuantity(event.quantity);
  if (quantity === undefined) return reject(UsageRejection.InvalidQuantity);
  const at = ISO_TIMESTAMP.test(event.timestamp) ? Date.parse(event.timestamp) : Number.NaN;
  if (Number.isNaN(at)) return reject(UsageRejection.InvalidTimestamp);
  if (at > rules.now.getTime() + rules.maxFutureSkewMs) return reject(UsageRejection.TimestampInFuture);
  if (at < rules.now.getTime() - rules.latenessMs) return reject(UsageRejection.TimestampTooLate);
  const properties = primitiveProperties(event.properties);
  if (properties === false) return reject(UsageRejection.InvalidProperties);
  if (metric.aggregation === 'unique' && meterMember(metric, properties) === undefined) return reject(UsageRejection.MissingMember);
  if (!matchesFilters(metric, properties)) return reject(UsageRejection.FilterMismatch);
  // The published quantity is the meter's value: 1 per event for `count`, the value property's for a meter that names one.
  if (metric.aggregation === 'count') quantity = '1';
  else if (metric.valueProperty !== null && metric.aggregation !== 'unique') {
    const value = properties?.[metric.valueProperty];
    quantity = typeof value === 'string' || typeof value === 'number' ? exactQuantity(value) : undefined;
    if (quantity === undefined) return reject(UsageRejection.InvalidQuantity);
  }
  return {
    ok: true,
    event: { tenantId: event.tenantId.toLowerCase(), eventId: event.eventId, metric: metric.key, quantity, timestamp: new Date(at).toISOString(), ...(properties ? { properties } : {}) },
  };
}
