/** The problems the provisioning API reports, each with a stable type and title. */
import { defineProblems } from '@tenantry/service';

export const PROVISIONING_PROBLEMS = defineProblems({
  'saga-not-found': { status: 404, title: 'No saga for this tenant' },
  'domain-not-found': { status: 404, title: 'No custom domain awaits verification for this tenant' },
  'domain-not-verified': { status: 409, title: 'The domain verification record was not found' },
  'export-not-found': { status: 404, title: 'No export archive for this tenant' },
});
