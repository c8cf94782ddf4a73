/**
 * The body of a webhook: the event in CloudEvents 1.0 structured JSON (the attributes the suite
 * carries as `ce_*` Kafka headers, and the payload as `data`), serialized once so the signed bytes
 * are the sent bytes.
 */
import { CE_SPECVERSION, CONTENT_TYPE_JSON, EventMetadata } from '@tenantry/contracts';

export interface WebhookEventMeta extends Omit<EventMetadata, 'type'> {
  type: string;
}

export function cloudEventBody(meta: WebhookEventMeta, data: unknown): string {
  return JSON.stringify({
    specversion: CE_SPECVERSION,
    id: meta.id,
    source: meta.source,
    type: meta.type,
    time: meta.time,
    datacontenttype: CONTENT_TYPE_JSON,
    schemaversion: meta.schemaVersion,
    ...(meta.tenantId ? { tenantid: meta.tenantId } : {}),
    ...(meta.correlationId ? { correlationid: meta.correlationId } : {}),
    ...(meta.causationId ? { causationid: meta.causationId } : {}),
    data,
  });
}
