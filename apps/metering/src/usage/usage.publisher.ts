/**
 * Publishes accepted usage straight to Kafka with an idempotent producer (acks=all): for ingestion,
 * Kafka's acknowledgement is the durability point, so the hot path writes no outbox row. Requests
 * arrive concurrently, so sends go through a SerialProducer (one request in flight, concurrent
 * batches coalesced, a fresh producer after any failure): see libs/messaging/src/serial-producer.ts
 * for the kafkajs behaviour that made this necessary.
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { eventDefinition, toKafkaHeaders, TOPICS, UsageRecordedPayload, validatePayload } from '@tenantry/contracts';
import { createProducer, ensureTopics, SerialProducer } from '@tenantry/messaging';
import { KAFKA, withTimeout } from '@tenantry/service';
import { MeteringConfig } from '../metering.config';

export abstract class UsagePublisher {
  /** Resolves once Kafka acknowledged every event; rejects otherwise. */
  abstract publish(events: readonly UsageRecordedPayload[]): Promise<void>;
}

@Injectable()
export class KafkaUsagePublisher extends UsagePublisher implements OnModuleDestroy {
  private readonly producer: SerialProducer;
  private topicsReady?: Promise<void>;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly config: MeteringConfig,
  ) {
    super();
    this.producer = new SerialProducer(() => createProducer(kafka, { idempotent: true }));
  }

  async publish(events: readonly UsageRecordedPayload[]): Promise<void> {
    if (events.length === 0) return;
    const definition = eventDefinition('UsageRecorded');
    const time = new Date().toISOString();
    const messages = events.map((payload) => {
      validatePayload('UsageRecorded', payload);
      return {
        key: definition.key(payload),
        value: JSON.stringify(payload),
        headers: toKafkaHeaders({ id: randomUUID(), type: 'UsageRecorded', source: 'metering', time, schemaVersion: definition.version, tenantId: payload.tenantId }),
      };
    });
    await withTimeout(
      this.ensureTopic().then(() => this.producer.send(TOPICS.METERING_USAGE.name, messages)),
      this.config.PUBLISH_TIMEOUT_MS,
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.producer.close();
  }

  private ensureTopic(): Promise<void> {
    this.topicsReady ??= ensureTopics(this.kafka, [TOPICS.METERING_USAGE]).catch((error: unknown) => {
      this.topicsReady = undefined;
      throw error;
    });
    return this.topicsReady;
  }
}
