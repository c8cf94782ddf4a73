/**
 * The CloudEvents 1.0 envelope in Kafka binary mode: attributes travel as `ce_*` headers and the
 * value is the JSON payload, so any Kafka client (kcat included) can read an event.
 */
import { EventName, isEventName } from './catalogue';

export const CE_SPECVERSION = '1.0';
export const CONTENT_TYPE_JSON = 'application/json';

export const CE_HEADERS = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  source: 'ce_source',
  type: 'ce_type',
  time: 'ce_time',
  tenantId: 'ce_tenantid',
  schemaVersion: 'ce_schemaversion',
  correlationId: 'ce_correlationid',
  causationId: 'ce_causationid',
  contentType: 'content-type',
  traceparent: 'traceparent',
  tracestate: 'tracestate',
} as const;

/** Everything about an event except its payload. */
export interface EventMetadata {
  id: string;
  type: EventName;
  source: string;
  time: string;
  schemaVersion: number;
  tenantId?: string;
  correlationId?: string;
  causationId?: string;
  traceparent?: string;
  tracestate?: string;
}

export type HeaderValue = Buffer | string | (Buffer | string)[] | undefined;
export type RawHeaders = Record<string, HeaderValue>;

export class EnvelopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

export function toKafkaHeaders(meta: EventMetadata): Record<string, string> {
  const headers: Record<string, string> = {
    [CE_HEADERS.specversion]: CE_SPECVERSION,
    [CE_HEADERS.id]: meta.id,
    [CE_HEADERS.source]: meta.source,
    [CE_HEADERS.type]: meta.type,
    [CE_HEADERS.time]: meta.time,
    [CE_HEADERS.schemaVersion]: String(meta.schemaVersion),
    [CE_HEADERS.contentType]: CONTENT_TYPE_JSON,
  };
  // Called for every event metering ingests: no intermediate arrays.
  if (meta.tenantId) headers[CE_HEADERS.tenantId] = meta.tenantId;
  if (meta.correlationId) headers[CE_HEADERS.correlationId] = meta.correlationId;
  if (meta.causationId) headers[CE_HEADERS.causationId] = meta.causationId;
  if (meta.traceparent) headers[CE_HEADERS.traceparent] = meta.traceparent;
  if (meta.tracestate) headers[CE_HEADERS.tracestate] = meta.tracestate;
  return headers;
}

export function headerString(headers: RawHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return undefined;
  return typeof first === 'string' ? first : first.toString('utf8');
}

/** Reads the envelope attributes back; throws EnvelopeError naming what is missing or unknown. */
export function fromKafkaHeaders(headers: RawHeaders | undefined): EventMetadata {
  const required = (name: string): string => {
    const value = headerString(headers, name);
    if (!value) throw new EnvelopeError(`missing header ${name}`);
    return value;
  };
  const specversion = required(CE_HEADERS.specversion);
  if (specversion !== CE_SPECVERSION) throw new EnvelopeError(`unsupported ce_specversion ${specversion}`);
  const type = required(CE_HEADERS.type);
  if (!isEventName(type)) throw new EnvelopeError(`unknown ce_type ${type}`);
  const schemaVersion = Number(required(CE_HEADERS.schemaVersion));
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1) throw new EnvelopeError('ce_schemaversion must be a positive integer');
  return {
    id: required(CE_HEADERS.id),
    type,
    source: required(CE_HEADERS.source),
    time: required(CE_HEADERS.time),
    schemaVersion,
    tenantId: headerString(headers, CE_HEADERS.tenantId),
    correlationId: headerString(headers, CE_HEADERS.correlationId),
    causationId: headerString(headers, CE_HEADERS.causationId),
    traceparent: headerString(headers, CE_HEADERS.traceparent),
    tracestate: headerString(headers, CE_HEADERS.tracestate),
  };
}
