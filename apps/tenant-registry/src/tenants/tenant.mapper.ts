/** Maps the stored tenant to what leaves the service: the API's TenantView and the events' payloads. */
import { TenantCreatedPayload } from '@tenantry/contracts';
import { TenantViewDto, TransitionView } from '@tenantry/tenant-api';
import { Tenant } from './tenant.row';
import { TenantTransition } from './tenant-transition.row';

export function toTenantView(tenant: Tenant): TenantViewDto {
  return {
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    status: tenant.status,
    statusReason: tenant.statusReason,
    domain: { ...tenant.domain },
    plan: { id: tenant.plan.id, trial: tenant.plan.trial, duration: tenant.plan.duration, trialEndsAt: tenant.plan.trialEndsAt?.toISOString() ?? null },
    adminEmail: tenant.adminEmail,
    configuration: { ...tenant.configuration },
    resources: { ...tenant.resources },
    version: tenant.version,
    createdAt: tenant.createdAt.toISOString(),
    updatedAt: tenant.updatedAt.toISOString(),
  };
}

export function toTransitionView(transition: TenantTransition): TransitionView {
  return { from: transition.from, to: transition.to, reason: transition.reason, actor: transition.actor, requestId: transition.requestId, correlationId: transition.correlationId, at: transition.at.toISOString() };
}

/** The weak ETag of a representation: its version. */
export function etagOf(tenant: Pick<Tenant, 'version'> | Pick<TenantViewDto, 'version'>): string {
  return `W/"${tenant.version}"`;
}

export function toTenantCreatedPayload(tenant: Tenant): TenantCreatedPayload {
  return {
    tenantId: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    domain: { type: tenant.domain.type, value: tenant.domain.value, ssl: tenant.domain.ssl },
    plan: { id: tenant.plan.id, trial: tenant.plan.trial, ...(tenant.plan.duration !== null ? { duration: tenant.plan.duration } : {}) },
    adminEmail: tenant.adminEmail,
    configuration: { ...tenant.configuration },
    resources: { ...tenant.resources },
    createdAt: tenant.createdAt.toISOString(),
  };
}
