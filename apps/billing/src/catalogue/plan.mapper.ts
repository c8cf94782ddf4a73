/** Plans between the API's DTOs and the catalogue's records. */
import { CreatePlanDto, PlanListDto, PlanViewDto, UpdatePlanDto } from '@tenantry/billing-api';
import { normalizeCharge, PlanTerms } from './plan-terms';
import { Plan } from './plan.row';

export function toPlanView(plan: Plan): PlanViewDto {
  const v = plan.current;
  return { id: plan.id, version: v.version, name: v.name, basePrice: v.basePrice, trialDays: v.trialDays, charges: v.charges.map(normalizeCharge), createdAt: v.createdAt.toISOString() };
}

export function toPlanList(plans: Plan[]): PlanListDto {
  return { plans: plans.map(toPlanView) };
}

export function toPlanTerms(body: CreatePlanDto | UpdatePlanDto): PlanTerms {
  return {
    name: body.name,
    basePrice: body.basePrice,
    trialDays: body.trialDays ?? null,
    charges: body.charges.map((c) => ({ ...c, tiers: c.tiers?.map((t) => ({ upTo: t.upTo, unitPrice: t.unitPrice, flatFee: t.flatFee })) })),
  };
}
