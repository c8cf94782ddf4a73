/** Every error of the usage feature besides the chassis' shared ones (validation-failed, tenant-not-found). */
import { COMMON_PROBLEMS, defineProblems, ProblemException } from '@tenantry/service';

export const USAGE_PROBLEMS = defineProblems({
  'ingestion-unavailable': { status: 503, title: 'Usage cannot be recorded right now' },
});

export function tenantNotFound(tenantId: string): ProblemException {
  return COMMON_PROBLEMS['tenant-not-found'](`Metering knows no tenant ${tenantId}`);
}

export function ingestionUnavailable(cause: string): ProblemException {
  return USAGE_PROBLEMS['ingestion-unavailable'](`The usage stream did not acknowledge the events (${cause}); none was recorded. Retry with the same event ids.`);
}
