/** The quota's one problem: 429 `api-call-limit-exceeded`, with the limit and when it resets. */
import { ProblemException } from '@tenantry/service';
import { ApiCallBlock } from './api-call-block.row';

export const API_CALL_LIMIT_EXCEEDED = 'api-call-limit-exceeded';

export function apiCallLimitExceeded(block: ApiCallBlock): ProblemException {
  const resetAt = block.resetAt.toISOString();
  return new ProblemException(
    API_CALL_LIMIT_EXCEEDED,
    429,
    'The monthly API-call limit is used up',
    `The tenant made more than its hard limit of ${block.limit} API calls this month; calls with its keys are refused until ${resetAt}.`,
    { limit: Number(block.limit), resetAt },
  );
}
