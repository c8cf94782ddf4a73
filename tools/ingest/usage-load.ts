/**
 * A platform API client posting usage batches to the gateway, as a real one would: keep-alive
 * connections, retries with the same event ids until an answer is definite, and a record of what
 * the gateway acknowledged for every event.
 */
import { Pool } from 'undici';

export interface LoadEvent {
  tenantId: string;
  eventId: string;
  metric: string;
  quantity: string;
  timestamp: string;
}

/** accepted/duplicate: the gateway acknowledged it (Kafka has it); rejected: refused for a reason; unknown: no definite answer yet. */
export interface BatchAnswer {
  status: number;
  /** Per event, in order, when the gateway answered 202. */
  results?: { index: number; status: 'accepted' | 'duplicate' | 'rejected'; reason?: string }[];
  latencyMs: number;
  error?: string;
}

export class UsageLoadClient {
  private readonly pool: Pool;

  constructor(
    gatewayUrl: string,
    private readonly apiKey: string,
    connections = 8,
  ) {
    this.pool = new Pool(gatewayUrl, { connections, keepAliveTimeout: 30_000, headersTimeout: 30_000, bodyTimeout: 30_000 });
  }

  /** One POST /api/v1/platform/usage/batch; never throws (a transport error is an answer too). */
  async post(events: readonly LoadEvent[], body: string = JSON.stringify({ events })): Promise<BatchAnswer> {
    const started = performance.now();
    try {
      const response = await this.pool.request({
        method: 'POST',
        path: '/api/v1/platform/usage/batch',
        headers: { authorization: `Bearer ${this.apiKey}`, 'content-type': 'application/json' },
        body,
      });
      const text = await response.body.text();
      const latencyMs = performance.now() - started;
      if (response.statusCode !== 202) return { status: response.statusCode, latencyMs, error: text.slice(0, 300) };
      const parsed = JSON.parse(text) as { results: BatchAnswer['results'] };
      return { status: 202, results: parsed.results, latencyMs };
    } catch (error) {
      return { status: 0, latencyMs: performance.now() - started, error: error instanceof Error ? error.message : String(error) };
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/** Builds the JSON of a batch without a generic serialiser per event (the load generator must not be the bottleneck). */
export function batchBody(events: readonly LoadEvent[]): string {
  let body = '{"events":[';
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as LoadEvent;
    body += `${i === 0 ? '' : ','}{"tenantId":"${e.tenantId}","eventId":"${e.eventId}","metric":"${e.metric}","quantity":"${e.quantity}","timestamp":"${e.timestamp}"}`;
  }
  return `${body}]}`;
}
