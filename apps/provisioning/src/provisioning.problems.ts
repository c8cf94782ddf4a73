/** The problems the provisioning API reports, each with a stable type and title. */
import { defineProblems } from '@tenantry/service';

export const PROVISIONING_PROBLEMS = defineProblems({
  'saga-not-found': { status: 404, title: 'No saga for this tenant' },
  'domain-not-found': { status: 404, title: 'No custom domain awaits verification for this tenant' },
  'domain-not-verified': { status: 409, title: 'The domain verification record was not found' },
  'export-not-found': { status: 404, title: 'No export archive for this tenant' },
  'user-not-found': { status: 404, title: 'No such user in this tenant' },
  'user-exists': { status: 409, title: 'A user with this e-mail already exists in this tenant' },
  'user-disabled': { status: 409, title: 'The user is disabled' },
  'users-limit-reached': { status: 409, title: "The tenant's hard `users` limit is reached" },
  'import-not-found': { status: 404, title: 'No such import job for this tenant' },
  'import-finished': { status: 409, title: 'The import job is already over' },
  'import-too-large': { status: 413, title: 'The import file is larger than the size limit' },
  'import-too-many-rows': { status: 413, title: 'The import file has more rows than the row limit' },
  'malformed-import': { status: 400, title: 'The import file cannot be read' },
});
