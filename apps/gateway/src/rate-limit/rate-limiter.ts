/**
 * Charges a call to its buckets and answers 429 `rate-limited` (with Retry-After) when one is empty;
 * every call that was checked carries RateLimit-Policy and RateLimit. Called by the authentication
 * guard, the one place that knows who the caller is (or that it is nobody), before any other work.
 * Redis unavailable → the call is let through (fail open), with a throttled warning and a metric.
 *
 * A caller refused once is then refused in memory, before the database and Redis are asked, until
 * a token can be back (`refuseRecent`): a flood past the limit costs the gateway little more than
 * parsing the request, so it does not slow the other tenants down. That is exact, never early:
 * other calls can only empty a bucket further.
 */
import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { ServiceMetrics } from '@tenantry/observability';
import { Clock } from '@tenantry/service';
import { GatewayRequest, gatewayState } from '../auth/principal';
import { GatewayConfig } from '../gateway.config';
import { Bucket, bucketsFor, Caller, limitingPolicy, msUntilToken, parseLimit, parsePlanLimits, rateLimitHeaders, RateLimits, retryAfterSeconds } from './rate-limit-policy';
import { rateLimited } from './rate-limit.problems';
import { RateLimitStore } from './rate-limit.store';
import { TenantPlans } from './tenant-plans';

export interface HeaderReply {
  header(name: string, value: string): unknown;
}

/** The caller as the authentication guard found it: a key's id, role's tenant (null for platform roles), or none. */
export type FoundCaller = { keyId: string; tenantId: string | null } | { address: string };

interface Refusal {
  untilMs: number;
  policy: ReturnType<typeof limitingPolicy>;
  headers: Record<string, string>;
}

/** Bounded: past this many refused callers the memory starts afresh (Redis still decides). */
const MAX_REFUSALS = 50_000;

@Injectable()
export class RateLimiter {
  private readonly enabled: boolean;
  private readonly limits: RateLimits;
  private readonly refused: Counter<'policy'>;
  private readonly unavailable: Counter;
  /** What the caller presented (a key's hash, or an address) → until when it is refused. */
  private readonly refusals = new Map<string, Refusal>();

  constructor(
    config: GatewayConfig,
    private readonly store: RateLimitStore,
    private readonly plans: TenantPlans,
    private readonly clock: Clock,
    metrics: ServiceMetrics,
  ) {
    this.enabled = config.RATE_LIMIT_ENABLED;
    this.limits = {
      plans: parsePlanLimits(config.RATE_LIMIT_PLANS),
      defaultPlan: config.RATE_LIMIT_DEFAULT_PLAN,
      operator: parseLimit(config.RATE_LIMIT_OPERATOR),
      anonymous: parseLimit(config.RATE_LIMIT_ANONYMOUS),
      prefix: config.RATE_LIMIT_KEY_PREFIX,
    };
    this.refused = new Counter({
      name: 'tenantry_gateway_rate_limited_total',
      help: 'Calls refused with 429 rate-limited, by the policy that refused them (key, tenant, address).',
      labelNames: ['policy'],
      registers: [metrics.registry],
    });
    this.unavailable = new Counter({
      name: 'tenantry_gateway_rate_limit_unavailable_total',
      help: 'Calls let through unchecked because the rate-limit Redis did not answer (fail open).',
      registers: [metrics.registry],
    });
  }

  /**
   * Throws 429 `rate-limited` at once when what the caller presents (`presented`: its key's hash, or
   * its address when it sent no key) was refused moments ago and no token can be back yet.
   */
  refuseRecent(presented: string, request: GatewayRequest, reply: HeaderReply): void {
    if (!this.enabled) return;
    const refusal = this.refusals.get(presented);
    if (!refusal) return;
    const now = this.clock.now().getTime();
    if (refusal.untilMs <= now) {
      this.refusals.delete(presented);
      return;
    }
    for (const [name, value] of Object.entries(refusal.headers)) reply.header(name, value);
    const retryAfter = Math.max(1, Math.ceil((refusal.untilMs - now) / 1000));
    reply.header('Retry-After', String(retryAfter));
    this.refused.inc({ policy: refusal.policy });
    gatewayState(request).rateLimited = true;
    throw rateLimited(refusal.policy, retryAfter);
  }

  /** Resolves when the call may go on; throws 429 `rate-limited` when it may not (and remembers it for `presented`). */
  async admit(caller: FoundCaller, request: GatewayRequest, reply: HeaderReply, presented?: string): Promise<void> {
    if (!this.enabled) return;
    const buckets = await this.bucketsOf(caller);
    const outcome = await this.store.take(buckets);
    if (!outcome) {
      this.unavailable.inc();
      return;
    }
    for (const [name, value] of Object.entries(rateLimitHeaders(outcome))) reply.header(name, value);
    if (outcome.allowed) return;
    const policy = limitingPolicy(outcome);
    this.refused.inc({ policy });
    gatewayState(request).rateLimited = true;
    if (presented !== undefined) {
      if (this.refusals.size >= MAX_REFUSALS) this.refusals.clear();
      const headers = rateLimitHeaders(outcome);
      delete headers['Retry-After'];
      this.refusals.set(presented, { untilMs: this.clock.now().getTime() + msUntilToken(outcome), policy, headers });
    }
    throw rateLimited(policy, retryAfterSeconds(outcome));
  }

  private async bucketsOf(found: FoundCaller): Promise<Bucket[]> {
    let caller: Caller;
    if ('address' in found) caller = { kind: 'anonymous', address: found.address };
    else if (found.tenantId === null) caller = { kind: 'platform-key', keyId: found.keyId };
    else caller = { kind: 'tenant-key', keyId: found.keyId, tenantId: found.tenantId, plan: await this.plans.planOf(found.tenantId) };
    return bucketsFor(this.limits, caller);
  }
}
