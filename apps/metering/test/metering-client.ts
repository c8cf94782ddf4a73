// A small client for metering's internal API in integration tests, and the metering process it calls.
import { internalAuthHeaders, RunningService, startService, waitUntilReady } from '@tenantry/testing';

export interface Answer<T = unknown> {
  status: number;
  contentType: string | null;
  body: T;
}

export interface UsageResult {
  index: number;
  eventId: string;
  status: 'accepted' | 'duplicate' | 'rejected';
  reason?: string;
}

export interface UsageBody {
  tenantId: string;
  granularity: string;
  series: { metric: string; points: { windowStart: string; value: string }[] }[];
  current: { metric: string; periodStart: string; value: string; limit?: string | null; mode?: 'soft' | 'hard' | null; percentUsed?: number | null }[];
}

export interface SummaryBody {
  metric: string;
  period: string;
  windowStart: string;
  tenants: number;
  total: string;
  percentiles: { p50: string | null; p90: string | null; p95: string | null; p99: string | null; max: string | null };
  sources: { source: string; total: string }[];
  top: { tenantId: string; value: string }[];
  totals: { tenantId: string; value: string }[];
  nextCursor: string | null;
}

export interface AlertsBody {
  tenantId: string;
  alerts: { alertId: string; metric: string; kind: string; thresholdPercent: number | null; level: 'soft' | 'hard' | null; limit: string | null; usage: string; periodStart: string; raisedAt: string }[];
}

export class MeteringClient {
  constructor(private readonly url: string) {}

  /** One call as the gateway makes it: with an internal token for metering (`headers` may replace it). */
  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { ...internalAuthHeaders({ audience: 'metering' }), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type'), body: (text ? JSON.parse(text) : undefined) as T };
  }

  batch(events: unknown[]): Promise<Answer<{ results: UsageResult[] }>> {
    return this.request('POST', '/internal/v1/usage/batch', { events });
  }

  one(tenantId: string, event: unknown): Promise<Answer<{ results: UsageResult[] }>> {
    return this.request('POST', `/internal/v1/tenants/${tenantId}/usage`, event);
  }

  usage(tenantId: string, query: Record<string, string> = {}): Promise<Answer<UsageBody>> {
    return this.request('GET', `/internal/v1/tenants/${tenantId}/usage?${new URLSearchParams(query).toString()}`);
  }

  alerts(tenantId: string, query: Record<string, string> = {}): Promise<Answer<AlertsBody>> {
    return this.request('GET', `/internal/v1/tenants/${tenantId}/usage/alerts?${new URLSearchParams(query).toString()}`);
  }

  summary(query: Record<string, string>): Promise<Answer<SummaryBody>> {
    return this.request('GET', `/internal/v1/usage/summary?${new URLSearchParams(query).toString()}`);
  }
}

export function currentValue(body: UsageBody, metric: string): string | undefined {
  return body.current.find((entry) => entry.metric === metric)?.value;
}

export function pointsOf(body: UsageBody, metric: string): { windowStart: string; value: string }[] {
  return body.series.find((entry) => entry.metric === metric)?.points ?? [];
}

/**
 * Starts the compiled metering service, ready, with a client for it. Partition maintenance runs
 * only at start (hourly otherwise), so it never races a test's own partitions.
 */
export async function startMetering(env: Record<string, string> = {}): Promise<{ service: RunningService; api: MeteringClient }> {
  const service = await startService('metering', { PARTITION_MAINTENANCE_INTERVAL_MS: '3600000', ...env });
  await waitUntilReady(service);
  return { service, api: new MeteringClient(service.url) };
}
