/**
 * Per tenant, fixed windows aligned to multiples of the window length: requests, 5xx answers and a
 * latency histogram. Closed windows are handed out once and forgotten.
 */
import { LatencyHistogram } from './latency-histogram';

export interface PerformanceWindow {
  tenantId: string;
  windowStart: Date;
  requests: number;
  errors: number;
  latency: LatencyHistogram;
}

export interface PerformanceThresholds {
  minRequests: number;
  p95Ms: number;
  errorRate: number;
}

export interface PerformanceVerdict {
  degraded: boolean;
  p95Ms: number;
  errorRate: number;
}

export function judgeWindow(window: PerformanceWindow, thresholds: PerformanceThresholds): PerformanceVerdict {
  const p95Ms = window.latency.quantile(0.95);
  const errorRate = window.requests === 0 ? 0 : window.errors / window.requests;
  const degraded = window.requests >= thresholds.minRequests && (p95Ms > thresholds.p95Ms || errorRate > thresholds.errorRate);
  return { degraded, p95Ms, errorRate };
}

export class PerformanceWindows {
  private readonly open = new Map<string, PerformanceWindow>();

  constructor(private readonly windowMs: number) {}

  observe(tenantId: string, elapsedMs: number, status: number, at: Date): void {
    const start = Math.floor(at.getTime() / this.windowMs) * this.windowMs;
    const key = `${tenantId}@${start}`;
    let window = this.open.get(key);
    if (!window) {
      window = { tenantId, windowStart: new Date(start), requests: 0, errors: 0, latency: new LatencyHistogram() };
      this.open.set(key, window);
    }
    window.requests += 1;
    if (status >= 500) window.errors += 1;
    window.latency.record(elapsedMs);
  }

  /** Removes and returns every window that ended at or before `now`. */
  close(now: Date): PerformanceWindow[] {
    const closed: PerformanceWindow[] = [];
    for (const [key, window] of this.open) {
      if (window.windowStart.getTime() + this.windowMs <= now.getTime()) {
        closed.push(window);
        this.open.delete(key);
      }
    }
    return closed;
  }

  /** Puts back windows whose report failed, so the next pass reports them. */
  restore(windows: readonly PerformanceWindow[]): void {
    for (const window of windows) this.open.set(`${window.tenantId}@${window.windowStart.getTime()}`, window);
  }
}
