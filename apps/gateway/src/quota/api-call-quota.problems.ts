/** The quota's one problem: 429 `api-call-limit-exceeded`, with the limit and when it resets. */
import { defineProblems, ProblemException } from '@tenantry/service';
import { ApiCallBlock } from './api-call-block.row';

export const QUOTA_PROBLEMS = defineProblems({
  'api-call-limit-exceeded': { status: 429, title: 'The monthly API-call limit is used up' },
});

export function apiCallLimitExceeded(block: ApiCallBlock): ProblemException {
  const resetAt = block.resetAt.toISOString();
  return QUOTA_PROBLEMS['api-call-limit-exceeded'](
    `The tenant made more than its hard limit of ${block.limit} API calls this month; calls with its keys are refused until ${resetAt}.`,
    { limit: Number(block.limit), resetAt },
  );
}
