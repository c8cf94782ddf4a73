/**
 * The rules of tenant limits: the set derived from a tenant's resources, the default mode, and the
 * metering form (metric names, limits in the metric's unit as exact decimals) that TenantLimitsChanged carries.
 */
import { ResourceLimit, TenantLimitsChangedPayload } from '@tenantry/contracts';
import { FIXED_LIMIT_METERS } from '@tenantry/tenant-api';
import { TenantResourcesValue } from './tenant.row';
import { LimitValue, TenantLimits, TenantLimitSet } from './tenant-limits.row';

/** The metering metric each fixed field limits (docs/internal-api.md, limits): FIXED_LIMIT_METERS read the other way. */
const LIMIT_METRICS = Object.fromEntries(Object.entries(FIXED_LIMIT_METERS).map(([metric, field]) => [field, metric])) as {
  [M in keyof typeof FIXED_LIMIT_METERS as (typeof FIXED_LIMIT_METERS)[M]]: M;
};

/** 1 GB = 10^9 bytes. */
const GIGABYTE_EXPONENT = 9;

export const DEFAULT_LIMIT_MODE = 'soft';

/** Limits a tenant has until someone sets them: its resources, soft, and no limit on API calls. */
export function deriveLimits(resources: TenantResourcesValue): TenantLimitSet {
  return {
    storage: { limit: resources.storage, mode: DEFAULT_LIMIT_MODE },
    users: { limit: resources.users, mode: DEFAULT_LIMIT_MODE },
    bandwidth: { limit: resources.bandwidth, mode: DEFAULT_LIMIT_MODE },
  };
}

/** The stored limits, or (never stored) the ones derived from the tenant's resources, at version 0. */
export function limitsOrDerived(tenantId: string, stored: TenantLimits | null, resources: TenantResourcesValue, since: Date): TenantLimits {
  return stored ?? { tenantId, limits: deriveLimits(resources), explicit: false, version: 0, updatedAt: since };
}

/** The meter limits in key order (the order a body named them in means nothing), absent when there are none. */
export function sortedMeters(meters: TenantLimitSet['meters']): [string, LimitValue][] {
  return Object.entries(meters ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function fingerprint(set: TenantLimitSet): string {
  const parts = [set.storage, set.users, set.bandwidth, set.apiCalls].map((value) => (value ? [value.limit, value.mode] : null));
  const meters = sortedMeters(set.meters).map(([key, value]) => [key, value.limit, value.mode]);
  return JSON.stringify([...parts, meters]);
}

/** Equal limits, whatever the objects' prototypes (a request DTO, a row read back from jsonb). */
export function sameLimits(a: TenantLimitSet | undefined, b: TenantLimitSet): boolean {
  return a !== undefined && fingerprint(a) === fingerprint(b);
}

/** `value` × 10^shift as an exact decimal string (no float multiplication, no exponent notation). */
export function shiftDecimal(value: number, shift: number): string {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`not a non-negative finite number: ${value}`);
  if (value === 0) return '0';
  const [mantissa = '0', exponent = '0'] = value.toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const point = 1 + Number(exponent) + shift;
  let text: string;
  if (point <= 0) text = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) text = digits + '0'.repeat(point - digits.length);
  else text = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

export function gigabytesToBytes(gigabytes: number): string {
  return shiftDecimal(gigabytes, GIGABYTE_EXPONENT);
}

function metered(metric: string, value: LimitValue, limit: string): ResourceLimit {
  return { metric, limit, mode: value.mode };
}

/** The set in metering's terms: storage and bandwidth in bytes, users and API calls as counts, meters in their own unit under their key. */
function toResourceLimits(set: TenantLimitSet): ResourceLimit[] {
  const limits = [
    metered(LIMIT_METRICS.storage, set.storage, gigabytesToBytes(set.storage.limit)),
    metered(LIMIT_METRICS.bandwidth, set.bandwidth, gigabytesToBytes(set.bandwidth.limit)),
    metered(LIMIT_METRICS.users, set.users, shiftDecimal(set.users.limit, 0)),
  ];
  if (set.apiCalls) limits.push(metered(LIMIT_METRICS.apiCalls, set.apiCalls, shiftDecimal(set.apiCalls.limit, 0)));
  for (const [key, value] of sortedMeters(set.meters)) limits.push(metered(key, value, shiftDecimal(value.limit, 0)));
  return limits;
}

export function toTenantLimitsChangedPayload(limits: TenantLimits): TenantLimitsChangedPayload {
  return { tenantId: limits.tenantId, limits: toResourceLimits(limits.limits), version: limits.version, at: limits.updatedAt.toISOString() };
}
