/** Between the limits request DTO, the stored limits and their view. */
import { TenantLimitsDto, TenantLimitsViewDto } from '@tenantry/tenant-api';
import { DEFAULT_LIMIT_MODE, sortedMeters } from './tenant-limits';
import { LimitValue, TenantLimits, TenantLimitSet } from './tenant-limits.row';

function value(given: { limit: number; mode?: LimitValue['mode'] }): LimitValue {
  return { limit: given.limit, mode: given.mode ?? DEFAULT_LIMIT_MODE };
}

/** The body as a plain set, modes defaulted to `soft`. */
export function toLimitSet(body: TenantLimitsDto): TenantLimitSet {
  const set: TenantLimitSet = { storage: value(body.storage), users: value(body.users), bandwidth: value(body.bandwidth) };
  if (body.apiCalls) set.apiCalls = value(body.apiCalls);
  // The DTO validated `meters` as a Map; an empty one is no meter limits, stored as none.
  if (body.meters && body.meters.size > 0) set.meters = Object.fromEntries(sortedMeters(Object.fromEntries([...body.meters].map(([key, given]) => [key, value(given)]))));
  return set;
}

export function toTenantLimitsView(limits: TenantLimits): TenantLimitsViewDto {
  const { storage, users, bandwidth, apiCalls, meters } = limits.limits;
  const metered = sortedMeters(meters);
  return {
    storage: { ...storage },
    users: { ...users },
    bandwidth: { ...bandwidth },
    ...(apiCalls ? { apiCalls: { ...apiCalls } } : {}),
    ...(metered.length > 0 ? { meters: Object.fromEntries(metered.map(([key, value]) => [key, { ...value }])) } : {}),
    version: limits.version,
    updatedAt: limits.updatedAt.toISOString(),
  };
}
