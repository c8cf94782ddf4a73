/**
 * Which calls a tenant's lifecycle status refuses. Pure, so the rule reads (and is tested) in one
 * place: the guard only looks the status up.
 */
import { TenantStatus } from '@tenantry/contracts';

export type TenantStateDecision = { allowed: true } | { allowed: false; refusal: 'tenant-suspended' | 'tenant-not-found' };

export interface TenantStateQuestion {
  /** From the projection; undefined when the gateway has not heard of the tenant yet. */
  status: TenantStatus | undefined;
  operation: string;
  kind: 'read' | 'write';
  platformRole: boolean;
}

/** Lifecycle operations an operator must still be able to run on a suspended tenant. */
const ALLOWED_WHEN_SUSPENDED = new Set(['reactivateTenant', 'deleteTenant']);

export function decideTenantState(question: TenantStateQuestion): TenantStateDecision {
  const { status, operation, kind, platformRole } = question;
  // The projection lags the registry by a moment: an unknown tenant is let through and the
  // registry, the source of truth for existence, answers 404 itself if it really is unknown.
  if (status === undefined) return { allowed: true };
  if (platformRole && kind === 'read') return { allowed: true };
  switch (status) {
    case 'deleted':
      return { allowed: false, refusal: 'tenant-not-found' };
    case 'suspended':
      return platformRole && ALLOWED_WHEN_SUSPENDED.has(operation) ? { allowed: true } : { allowed: false, refusal: 'tenant-suspended' };
    case 'provisioning':
    case 'provisioning_failed':
    case 'trial':
    case 'active':
    case 'inactive':
    case 'offboarding':
      return { allowed: true };
  }
}
