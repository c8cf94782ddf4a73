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

export function decideTenantState(question: TenantStateQuestion): TenantStateDecision {
  const { status, kind, platformRole } = question;
  // The projection lags the registry by a moment: an unknown tenant is let through and the
  // registry, the source of truth for existence, answers 404 itself if it really is unknown.
  if (status === undefined) return { allowed: true };
  if (platformRole && kind === 'read') return { allowed: true };
  switch (status) {
    case 'deleted':
      return { allowed: false, refusal: 'tenant-not-found' };
    case 'suspended':
      // Suspension stops the tenant, not its operators: they may still rename it, change its plan or
      // limits, reactivate or offboard it; a second suspension is the registry's 409 naming the state.
      return platformRole ? { allowed: true } : { allowed: false, refusal: 'tenant-suspended' };
    case 'provisioning':
    case 'provisioning_failed':
    case 'trial':
    case 'active':
    case 'inactive':
    case 'offboarding':
      return { allowed: true };
  }
}
