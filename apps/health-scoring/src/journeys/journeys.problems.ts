/** Problem types of the lifecycle journeys. */
import { defineProblems } from '@tenantry/service';

export const JOURNEY_PROBLEMS = defineProblems({
  'onboarding-not-found': { status: 404, title: 'No onboarding known for the tenant' },
  'check-in-not-found': { status: 404, title: 'No such check-in' },
  'check-in-completed': { status: 409, title: 'The check-in is already completed' },
});
