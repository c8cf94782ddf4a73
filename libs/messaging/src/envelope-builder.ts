/**
 * The one place an outgoing event gets its CloudEvents envelope, for the outbox and for direct
 * publishing alike: `ce_source` is the publishing service, the tenant, correlation and causation
 * ids and the W3C trace context come from the current request, and the payload is validated
 * against the catalogue.
 */
import { randomUUID } from 'node:crypto';
import { eventDefinition, EventName, EventPayload, toKafkaHeaders, validatePayload } from '@tenantry/contracts';
import { currentContext } from '@tenantry/observability';
import { captureTraceHeaders } from './trace-context';

export interface PublishOptions {
  id?: string;
  time?: Date;
  correlationId?: string;
  causationId?: string;
}

export type OutboundEvent = {
  [N in EventName]: { type: N; payload: EventPayload<N>; options?: PublishOptions };
}[EventName];

/** What one publish call shares: taken once, however many events it publishes. */
export interface EnvelopeContext {
  time: string;
  correlationId?: string;
  causationId?: string;
  traceparent?: string;
  tracestate?: string;
}

/** An event ready for Kafka: its catalogue topic, its key and its `ce_*` headers. */
export interface Envelope {
  id: string;
  topic: string;
  key: string;
  headers: Record<string, string>;
}

export class EnvelopeBuilder {
  private readonly source: string;

  /** `service`: the publishing service's name, as in its ServiceDefinition. */
  constructor(service: string) {
    this.source = `/tenantry/${service}`;
  }

  /** The request context of the caller; events published under it share their correlation and trace. */
  context(): EnvelopeContext {
    const request = currentContext();
    return { time: new Date().toISOString(), correlationId: request.correlationId ?? request.requestId, causationId: request.causationId, ...captureTraceHeaders() };
  }

  /** Validates a plain payload (PayloadValidationError if it does not fit) and builds its envelope. */
  envelope<N extends EventName>(type: N, payload: EventPayload<N>, context: EnvelopeContext, options: PublishOptions = {}): Envelope {
    const definition = eventDefinition(type);
    const valid = validatePayload(type, payload);
    const id = options.id ?? randomUUID();
    return {
      id,
      topic: definition.topic,
      key: definition.key(valid),
      headers: toKafkaHeaders({
        id,
        type,
        source: this.source,
        time: options.time?.toISOString() ?? context.time,
        schemaVersion: definition.version,
        tenantId: definition.tenantId(valid),
        correlationId: options.correlationId ?? context.correlationId,
        causationId: options.causationId ?? context.causationId,
        traceparent: context.traceparent,
        tracestate: context.tracestate,
      }),
    };
  }
}
