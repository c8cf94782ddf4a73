/**
 * API calls and bytes per tenant since the last sample, in memory. A sample takes the counts
 * (requests go on counting into fresh ones); a sample that could not be written is given back, so
 * its counts go out with the next one.
 */

export interface ApiUsageCount {
  tenantId: string;
  windowStart: Date;
  apiCalls: number;
  requestBytes: number;
  responseBytes: number;
}

export interface ApiUsageSample {
  windowEnd: Date;
  counts: ApiUsageCount[];
}

export class ApiUsageCounters {
  private counts = new Map<string, ApiUsageCount>();

  constructor(private windowStart: Date) {}

  count(tenantId: string, requestBytes: number, responseBytes: number): void {
    const entry = this.counts.get(tenantId);
    if (entry) {
      entry.apiCalls += 1;
      entry.requestBytes += requestBytes;
      entry.responseBytes += responseBytes;
    } else {
      this.counts.set(tenantId, { tenantId, windowStart: this.windowStart, apiCalls: 1, requestBytes, responseBytes });
    }
  }

  take(now: Date): ApiUsageSample {
    const sample = { windowEnd: now, counts: [...this.counts.values()] };
    this.counts = new Map();
    this.windowStart = now;
    return sample;
  }

  /** Puts back the counts of a sample that was not written; their window keeps its earlier start. */
  restore(sample: ApiUsageSample): void {
    for (const old of sample.counts) {
      const entry = this.counts.get(old.tenantId);
      if (entry) {
        entry.windowStart = old.windowStart < entry.windowStart ? old.windowStart : entry.windowStart;
        entry.apiCalls += old.apiCalls;
        entry.requestBytes += old.requestBytes;
        entry.responseBytes += old.responseBytes;
      } else {
        this.counts.set(old.tenantId, { ...old });
      }
    }
  }

  get size(): number {
    return this.counts.size;
  }
}
