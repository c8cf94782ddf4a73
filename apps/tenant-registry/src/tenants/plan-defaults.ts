/** How a plan request and a plan's defaults combine into a tenant's plan, configuration and resources. */
import { Plan, TenantPlanValue } from './tenant.row';
import { TENANT_PROBLEMS } from './tenant.problems';
import { TenantRepository } from './tenant.repository';

/** Used when a trial is asked for on a plan that does not define its length. */
const DEFAULT_TRIAL_DAYS = 14;

export async function findPlanOrFail(repository: TenantRepository, planId: string): Promise<Plan> {
  const plan = await repository.findPlan(planId);
  if (!plan) throw TENANT_PROBLEMS['unknown-plan'](`There is no plan ${planId}`, { planId });
  return plan;
}

export function planValue(plan: Plan, request: { trial?: boolean; duration?: number }): TenantPlanValue {
  const trial = request.trial ?? plan.trialDays !== null;
  return { id: plan.id, trial, duration: trial ? (request.duration ?? plan.trialDays ?? DEFAULT_TRIAL_DAYS) : null, trialEndsAt: null };
}

/** Drops the keys a request left out, so spreading it over defaults keeps them. */
export function definedOnly<T extends object>(partial: Partial<T> | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(partial ?? {}).filter(([, value]) => value !== undefined)) as Partial<T>;
}
