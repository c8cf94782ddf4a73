/**
 * What one ApiUsageSampled is worth in usage: `api_calls` = calls, `bandwidth_bytes` = request +
 * response bytes, at the window's start, source `gateway`. The event ids derive from the sample's
 * CloudEvent id, so a sample delivered or even published twice is counted once.
 */
import { ApiUsageSampledPayload, UsageRecordedPayload } from '@tenantry/contracts';

export const API_CALLS_METRIC = 'api_calls';
const BANDWIDTH_METRIC = 'bandwidth_bytes';

export interface ApiUsageSample {
  /** The CloudEvent id (`ce_id`) of the ApiUsageSampled. */
  id: string;
  payload: ApiUsageSampledPayload;
}

function usageEventId(sampleId: string, metric: string): string {
  return `gateway:${sampleId}:${metric}`;
}

export function toUsageRecorded(sample: ApiUsageSample): UsageRecordedPayload[] {
  const { payload } = sample;
  const tenantId = payload.tenantId.toLowerCase();
  const timestamp = new Date(payload.windowStart).toISOString();
  // Integers from the payload (validated as such); BigInt keeps a large byte sum exact.
  const quantities: [string, bigint][] = [
    [API_CALLS_METRIC, BigInt(payload.apiCalls)],
    [BANDWIDTH_METRIC, BigInt(payload.requestBytes) + BigInt(payload.responseBytes)],
  ];
  return quantities
    .filter(([, quantity]) => quantity > 0n)
    .map(([metric, quantity]) => ({ tenantId, eventId: usageEventId(sample.id, metric), metric, quantity: quantity.toString(), timestamp, source: 'gateway' }));
}
