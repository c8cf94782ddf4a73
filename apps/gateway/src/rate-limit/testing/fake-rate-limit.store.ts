/** An in-memory RateLimitStore for unit specs: buckets refill only when told, and it can be "down". */
import { Bucket, RateLimitOutcome } from '../rate-limit-policy';
import { RateLimitStore } from '../rate-limit.store';

export class FakeRateLimitStore extends RateLimitStore {
  readonly tokens = new Map<string, number>();
  down = false;
  calls = 0;

  async take(buckets: Bucket[]): Promise<RateLimitOutcome | undefined> {
    this.calls += 1;
    if (this.down) return undefined;
    const states = buckets.map((bucket) => ({ bucket, tokens: this.tokens.get(bucket.key) ?? bucket.burst }));
    const allowed = states.every((s) => s.tokens >= 1);
    if (allowed) for (const s of states) this.tokens.set(s.bucket.key, (s.tokens -= 1));
    return { allowed, states };
  }

  refill(): void {
    this.tokens.clear();
  }
}
