/**
 * The analytics answers, kept in memory for at most ANALYTICS_CACHE_MS each (per endpoint and
 * range): every analytics query scans the pre-aggregated tables of all 10,000 tenants (EXPLAIN on
 * the benchmark's data: 20–160 ms of work per query on a loaded machine), while the figures move
 * only with the rollups. An answer is served only while younger than ANALYTICS_CACHE_MS (measured
 * on a monotonic timer from the moment its computation started; `asOf` in the answer says when
 * that was, on the service's clock); once it is half that old the next request starts its
 * recomputation in the background (one at a time per key) and is still answered from memory, so a
 * steady stream of requests never waits for a scan. A request finding no answer young enough
 * waits for one (shared with concurrent requests). 0 turns the cache off.
 */
import { Injectable } from '@nestjs/common';
import { Clock } from '@tenantry/service';
import { HealthScoringConfig } from '../health-scoring.config';

export interface Cached<T> {
  value: T;
  asOf: Date;
}

interface Entry {
  answer?: Cached<unknown> & { startedMs: number };
  computing?: Promise<Cached<unknown>>;
}

/** Distinct ranges kept; the oldest key goes first beyond it. */
const MAX_KEYS = 64;

@Injectable()
export class AnalyticsCache {
  private readonly maxAgeMs: number;
  private readonly entries = new Map<string, Entry>();

  constructor(
    config: HealthScoringConfig,
    private readonly clock: Clock,
  ) {
    this.maxAgeMs = config.ANALYTICS_CACHE_MS;
  }

  async get<T>(key: string, compute: () => Promise<T>): Promise<Cached<T>> {
    if (this.maxAgeMs === 0) return { value: await compute(), asOf: this.clock.now() };
    const entry = this.entries.get(key);
    const answer = entry?.answer;
    const age = answer ? performance.now() - answer.startedMs : Infinity;
    if (answer && age < this.maxAgeMs) {
      if (age >= this.maxAgeMs / 2) this.compute(key, compute).catch(() => undefined); // a failed refresh leaves the answer to age out
      return { value: answer.value as T, asOf: answer.asOf };
    }
    const fresh = await this.compute(key, compute);
    return { value: fresh.value as T, asOf: fresh.asOf };
  }

  private compute<T>(key: string, compute: () => Promise<T>): Promise<Cached<unknown>> {
    let entry = this.entries.get(key);
    if (entry?.computing) return entry.computing;
    if (!entry) {
      entry = {};
      this.entries.set(key, entry);
      if (this.entries.size > MAX_KEYS) this.entries.delete(this.entries.keys().next().value as string);
    }
    const target = entry;
    const startedMs = performance.now();
    const asOf = this.clock.now();
    target.computing = compute().then(
      (value) => {
        target.answer = { value, asOf, startedMs };
        target.computing = undefined;
        return target.answer;
      },
      (error: unknown) => {
        target.computing = undefined;
        throw error;
      },
    );
    return target.computing;
  }
}
