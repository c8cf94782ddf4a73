/**
 * Publishes events straight to Kafka and resolves once Kafka acknowledged them (acks=all), for
 * streams where that acknowledgement is the durability point and the hot path writes no outbox
 * row (metering's usage ingestion). Same envelope as the outbox's; sends go through a
 * SerialProducer, so concurrent callers are safe and share requests.
 */
import { Kafka, Message } from 'kafkajs';
import { EventName, EventPayload, TOPICS, TopicDefinition } from '@tenantry/contracts';
import { EnvelopeBuilder } from './envelope-builder';
import { createProducer, ensureTopics } from './kafka-client';
import { SerialProducer } from './serial-producer';

const TOPIC_DEFINITIONS = new Map<string, TopicDefinition>(Object.values(TOPICS).map((topic: TopicDefinition) => [topic.name, topic]));

export class DirectPublisher {
  private readonly envelopes: EnvelopeBuilder;
  private readonly producer: SerialProducer;
  /** Topics are created once, on first use, in case the service starts before the topics step ran. */
  private readonly topicsReady = new Map<string, Promise<void>>();

  constructor(
    private readonly kafka: Kafka,
    /** The publishing service, for `ce_source`. */
    service: string,
  ) {
    this.envelopes = new EnvelopeBuilder(service);
    this.producer = new SerialProducer(() => createProducer(kafka, { idempotent: true }));
  }

  /**
   * Publishes events of one type; resolves with their ids (`ce_id`) once Kafka acknowledged all of
   * them, rejects if it did not. Payloads are plain objects (validated, not transformed).
   */
  async publish<N extends EventName>(type: N, payloads: readonly EventPayload<N>[]): Promise<string[]> {
    if (payloads.length === 0) return [];
    const context = this.envelopes.context();
    const ids: string[] = [];
    const messages: Message[] = [];
    let topic = '';
    for (const payload of payloads) {
      const envelope = this.envelopes.envelope(type, payload, context);
      topic = envelope.topic;
      ids.push(envelope.id);
      messages.push({ key: envelope.key, value: JSON.stringify(payload), headers: envelope.headers });
    }
    await this.ensureTopic(topic);
    await this.producer.send(topic, messages);
    return ids;
  }

  /** Lets what was queued go out (or fail), then disconnects. */
  close(): Promise<void> {
    return this.producer.close();
  }

  private ensureTopic(name: string): Promise<void> {
    let ready = this.topicsReady.get(name);
    if (!ready) {
      const definition = TOPIC_DEFINITIONS.get(name);
      ready = definition ? ensureTopics(this.kafka, [definition]) : Promise.resolve();
      void ready.catch(() => this.topicsReady.delete(name));
      this.topicsReady.set(name, ready);
    }
    return ready;
  }
}
