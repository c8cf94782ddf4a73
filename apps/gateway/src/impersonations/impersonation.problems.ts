/** Why an impersonation is refused. */
import { defineProblems } from '@tenantry/service';

export const IMPERSONATION_PROBLEMS = defineProblems({
  'tenant-not-impersonable': { status: 409, title: 'The tenant cannot be impersonated in its current state' },
  'impersonation-not-found': { status: 404, title: 'No such impersonation' },
});
