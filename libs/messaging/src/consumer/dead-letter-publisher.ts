/**
 * Sends a message a consumer gives up on to `tenantry.dlq.<group>`: the original key, value and
 * headers plus why (`dlq_reason`, `dlq_error`, `dlq_attempts`) and where it came from, so it can be
 * inspected and replayed while the consumer goes on.
 */
import { Kafka, KafkaMessage, Producer } from 'kafkajs';
import { CE_HEADERS, deadLetterTopic, headerString } from '@tenantry/contracts';
import { Logger } from '@tenantry/observability';
import { createProducer, deadLetterTopicDefinition, ensureTopics } from '../kafka-client';
import { ConsumerTelemetry } from './consumer-telemetry';
import { Position } from './message-decoder';

/** invalid: not an event we can read; rejected: the handler refused it; failed: it kept failing. */
export type DeadLetterReason = 'invalid' | 'rejected' | 'failed';

const MAX_ERROR_CHARS = 4_000;

export class DeadLetterPublisher {
  readonly topic: string;
  private producer?: Producer;

  constructor(
    private readonly kafka: Kafka,
    private readonly group: string,
    private readonly telemetry: ConsumerTelemetry,
    private readonly logger: Logger,
  ) {
    this.topic = deadLetterTopic(group);
  }

  /** Connects the producer and creates the dead-letter topic if it is missing. */
  async open(): Promise<void> {
    if (!this.producer) {
      const producer = createProducer(this.kafka);
      await producer.connect();
      this.producer = producer;
    }
    await ensureTopics(this.kafka, [deadLetterTopicDefinition(this.topic)]);
  }

  /** If this send fails the batch fails uncommitted, so the message is not lost. */
  async publish(message: KafkaMessage, position: Position, reason: DeadLetterReason, error: string, attempts: number): Promise<void> {
    if (!this.producer) throw new Error(`dead-letter publisher of ${this.group} is not open`);
    const headers: Record<string, string | Buffer> = {};
    for (const [name, value] of Object.entries(message.headers ?? {})) {
      const first = Array.isArray(value) ? value[0] : value;
      if (first !== undefined) headers[name] = first;
    }
    Object.assign(headers, {
      dlq_reason: reason,
      dlq_error: error.slice(0, MAX_ERROR_CHARS),
      dlq_attempts: String(attempts),
      dlq_consumer_group: this.group,
      dlq_original_topic: position.topic,
      dlq_original_partition: String(position.partition),
      dlq_original_offset: message.offset,
      dlq_failed_at: new Date().toISOString(),
    });
    await this.producer.send({ topic: this.topic, acks: -1, messages: [{ key: message.key, value: message.value, headers }] });
    this.telemetry.deadLettered(headerString(message.headers, CE_HEADERS.type) ?? 'unknown', reason);
    this.logger.error({ group: this.group, reason, error, ...position, offset: message.offset }, 'message dead-lettered');
  }

  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }
}
