/** The limiter's one problem: 429 `rate-limited` (distinct from the monthly `api-call-limit-exceeded`). */
import { defineProblems, ProblemException } from '@tenantry/service';
import { PolicyName } from './rate-limit-policy';

export const RATE_LIMIT_PROBLEMS = defineProblems({
  'rate-limited': { status: 429, title: 'Too many requests' },
});

const WHOSE: Record<PolicyName, string> = { key: 'this API key', tenant: "this key's tenant", address: 'this address without a valid API key' };

export function rateLimited(policy: PolicyName, retryAfter: number): ProblemException {
  return RATE_LIMIT_PROBLEMS['rate-limited'](`The request rate of ${WHOSE[policy]} is over its limit; retry after ${retryAfter} s (Retry-After; RateLimit and RateLimit-Policy describe the limit).`, {
    policy,
    retryAfter,
  });
}
