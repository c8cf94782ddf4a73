/** Turns a Kafka message into an event a handler can take, one to skip, or a poison message to dead-letter. */
import { KafkaMessage } from 'kafkajs';
import { CE_HEADERS, EnvelopeError, fromKafkaHeaders, headerString, PayloadValidationError, validatePayload } from '@tenantry/contracts';
import { InboundEvent } from '../inbound-event';

export interface Position {
  topic: string;
  partition: number;
}

export type Decoded =
  | { kind: 'event'; event: InboundEvent; message: KafkaMessage }
  | { kind: 'skip'; message: KafkaMessage }
  | { kind: 'poison'; reason: string; message: KafkaMessage };

/** Types the consumer does not handle are skipped before anything is parsed. */
export function decodeMessage(handled: ReadonlySet<string>, position: Position, message: KafkaMessage): Decoded {
  const type = headerString(message.headers, CE_HEADERS.type);
  if (type && !handled.has(type)) return { kind: 'skip', message };
  try {
    const meta = fromKafkaHeaders(message.headers);
    let value: unknown;
    try {
      value = JSON.parse(message.value?.toString('utf8') ?? '');
    } catch {
      return { kind: 'poison', reason: 'value is not valid JSON', message };
    }
    const payload = validatePayload(meta.type, value);
    const event = { type: meta.type, meta, payload, ...position, offset: message.offset, key: message.key?.toString('utf8') ?? null } as InboundEvent;
    return { kind: 'event', event, message };
  } catch (error) {
    if (error instanceof EnvelopeError || error instanceof PayloadValidationError) return { kind: 'poison', reason: error.message, message };
    throw error;
  }
}
