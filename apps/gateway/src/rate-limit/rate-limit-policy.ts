/**
 * Which token buckets a call is charged to, their limits, and how the outcome reads in the
 * RateLimit-Policy / RateLimit / Retry-After headers. Pure, so the rules read (and are tested) in
 * one place; the limiter only asks Redis.
 */

/** `<requests per second>:<burst>`. */
export const LIMIT_PATTERN = /^\d+(\.\d+)?:\d+$/;
/** `<plan>=<rate>:<burst>[,…]`. */
export const PLAN_LIMITS_PATTERN = /^[A-Za-z0-9_-]{1,64}=\d+(\.\d+)?:\d+(,[A-Za-z0-9_-]{1,64}=\d+(\.\d+)?:\d+)*$/;

export interface Limit {
  /** Tokens added per second. */
  rate: number;
  /** Bucket size: the most calls that may come at once. */
  burst: number;
}

/** The policy names a client sees in the headers. */
export type PolicyName = 'key' | 'tenant' | 'address';

export interface Bucket extends Limit {
  policy: PolicyName;
  /** The Redis key (prefix included). */
  key: string;
}

/** What Redis answered for one bucket: the tokens left after this call (before it, when refused). */
export interface BucketState {
  bucket: Bucket;
  tokens: number;
}

export interface RateLimitOutcome {
  allowed: boolean;
  states: BucketState[];
}

export interface RateLimits {
  plans: ReadonlyMap<string, Limit>;
  defaultPlan: string;
  operator: Limit;
  anonymous: Limit;
  prefix: string;
}

export type Caller =
  | { kind: 'tenant-key'; keyId: string; tenantId: string; plan: string | undefined }
  | { kind: 'platform-key'; keyId: string }
  | { kind: 'anonymous'; address: string };

export function parseLimit(text: string): Limit {
  const [rate, burst] = text.split(':').map(Number);
  if (!rate || !burst || rate <= 0 || burst < 1) throw new Error(`not a limit: ${text}`);
  return { rate, burst };
}

export function parsePlanLimits(text: string): Map<string, Limit> {
  return new Map(
    text.split(',').map((entry) => {
      const [plan, limit] = entry.split('=');
      return [plan as string, parseLimit(limit as string)];
    }),
  );
}

/** The plan's limit, else the default plan's, else the smallest configured (a typo must not mean "unlimited"). */
export function planLimit(limits: RateLimits, plan: string | undefined): Limit {
  const chosen = (plan !== undefined ? limits.plans.get(plan) : undefined) ?? limits.plans.get(limits.defaultPlan);
  if (chosen) return chosen;
  return [...limits.plans.values()].reduce((a, b) => (b.rate < a.rate ? b : a));
}

/**
 * A tenant's key is charged to its own bucket and to its tenant's (both at the plan's limit: one key
 * may use the tenant's whole allowance, several keys share it). The Redis keys of one tenant share a
 * hash tag so the script touches one cluster slot. A platform key has its own generous bucket; a call
 * without a valid key is charged to its source address.
 */
export function bucketsFor(limits: RateLimits, caller: Caller): Bucket[] {
  switch (caller.kind) {
    case 'tenant-key': {
      const limit = planLimit(limits, caller.plan);
      const tag = `{t:${caller.tenantId}}`;
      return [
        { policy: 'key', key: `${limits.prefix}${tag}:key:${caller.keyId}`, ...limit },
        { policy: 'tenant', key: `${limits.prefix}${tag}:tenant`, ...limit },
      ];
    }
    case 'platform-key':
      return [{ policy: 'key', key: `${limits.prefix}{k:${caller.keyId}}:key`, ...limits.operator }];
    case 'anonymous':
      return [{ policy: 'address', key: `${limits.prefix}{a:${caller.address}}:address`, ...limits.anonymous }];
  }
}

/** Seconds for a bucket holding `tokens` to be full again. */
function secondsUntilFull(state: BucketState): number {
  return Math.max(0, Math.ceil((state.bucket.burst - state.tokens) / state.bucket.rate));
}

/**
 * The headers of draft-ietf-httpapi-ratelimit-headers (-10), structured-field lists with one item
 * per bucket: `RateLimit-Policy: "tenant";q=<burst>;w=<seconds to refill a whole burst>` and
 * `RateLimit: "tenant";r=<calls left now>;t=<seconds until the bucket is full again>`. A token
 * bucket is described as its burst replenished over `w`; `r`/`t` are exact for it.
 */
export function rateLimitHeaders(outcome: RateLimitOutcome): Record<string, string> {
  const policy = outcome.states.map(({ bucket }) => `"${bucket.policy}";q=${bucket.burst};w=${Math.max(1, Math.ceil(bucket.burst / bucket.rate))}`).join(', ');
  const current = outcome.states.map((state) => `"${state.bucket.policy}";r=${Math.max(0, Math.floor(state.tokens))};t=${secondsUntilFull(state)}`).join(', ');
  const headers: Record<string, string> = { 'RateLimit-Policy': policy, RateLimit: current };
  if (!outcome.allowed) headers['Retry-After'] = String(retryAfterSeconds(outcome));
  return headers;
}

/** Whole seconds until every empty bucket holds a token again (at least 1). */
export function retryAfterSeconds(outcome: RateLimitOutcome): number {
  const waits = outcome.states.filter((s) => s.tokens < 1).map((s) => Math.ceil((1 - s.tokens) / s.bucket.rate));
  return Math.max(1, ...waits);
}

/** Milliseconds until every empty bucket holds a token again (exact, for remembering a refusal). */
export function msUntilToken(outcome: RateLimitOutcome): number {
  return Math.max(0, ...outcome.states.filter((s) => s.tokens < 1).map((s) => ((1 - s.tokens) / s.bucket.rate) * 1000));
}

/** The policy that refused the call: the emptiest bucket. */
export function limitingPolicy(outcome: RateLimitOutcome): PolicyName {
  return outcome.states.reduce((a, b) => (b.tokens < a.tokens ? b : a)).bucket.policy;
}
