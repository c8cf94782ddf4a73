/** Problem types of the plan catalogue. */
import { defineProblems } from '@tenantry/service';

export const CATALOGUE_PROBLEMS = defineProblems({
  'plan-not-found': { status: 404, title: 'No such plan' },
  'plan-exists': { status: 409, title: 'A plan with this id exists' },
});

export function planNotFound(planId: string) {
  return CATALOGUE_PROBLEMS['plan-not-found'](`There is no plan ${planId}`, { planId });
}

