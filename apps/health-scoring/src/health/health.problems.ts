/** Problem types of health scoring. */
import { defineProblems } from '@tenantry/service';

export const HEALTH_PROBLEMS = defineProblems({
  'health-not-found': { status: 404, title: 'No health score for the tenant' },
});
