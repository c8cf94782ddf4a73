/** Between the limits request DTO, the stored limits and their view. */
import { TenantLimitsDto, TenantLimitsViewDto } from '@tenantry/tenant-api';
import { DEFAULT_LIMIT_MODE } from './tenant-limits';
import { LimitValue, TenantLimits, TenantLimitSet } from './tenant-limits.row';

function value(given: { limit: number; mode?: LimitValue['mode'] }): LimitValue {
  return { limit: given.limit, mode: given.mode ?? DEFAULT_LIMIT_MODE };
}

/** The body as a plain set, modes defaulted to `soft`. */
export function toLimitSet(body: TenantLimitsDto): TenantLimitSet {
  const set: TenantLimitSet = { storage: value(body.storage), users: value(body.users), bandwidth: value(body.bandwidth) };
  if (body.apiCalls) set.apiCalls = value(body.apiCalls);
  return set;
}

export function toTenantLimitsView(limits: TenantLimits): TenantLimitsViewDto {
  const { storage, users, bandwidth, apiCalls } = limits.limits;
  return {
    storage: { ...storage },
    users: { ...users },
    bandwidth: { ...bandwidth },
    ...(apiCalls ? { apiCalls: { ...apiCalls } } : {}),
    version: limits.version,
    updatedAt: limits.updatedAt.toISOString(),
  };
}
