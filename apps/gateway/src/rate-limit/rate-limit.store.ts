/** Where the token buckets live: shared by every gateway instance. */
import { Bucket, RateLimitOutcome } from './rate-limit-policy';

export abstract class RateLimitStore {
  /**
   * Takes one token from every bucket, or from none when any is empty: one atomic step.
   * Undefined when the store cannot answer (down, slow): the caller decides what that means.
   */
  abstract take(buckets: Bucket[]): Promise<RateLimitOutcome | undefined>;
}
