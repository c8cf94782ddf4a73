/**
 * Publishes accepted usage straight to Kafka with an idempotent producer (acks=all): for ingestion,
 * Kafka's acknowledgement is the durability point, so the hot path writes no outbox row.
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Kafka, Producer } from 'kafkajs';
import { eventDefinition, toKafkaHeaders, TOPICS, UsageRecordedPayload, validatePayload } from '@tenantry/contracts';
import { createProducer, ensureTopics } from '@tenantry/messaging';
import { KAFKA, withTimeout } from '@tenantry/service';
import { MeteringConfig } from '../metering.config';

export abstract class UsagePublisher {
  /** Resolves once Kafka acknowledged every event; rejects otherwise. */
  abstract publish(events: readonly UsageRecordedPayload[]): Promise<void>;
}

@Injectable()
export class KafkaUsagePublisher extends UsagePublisher implements OnModuleDestroy {
  private readonly producer: Producer;
  private connecting?: Promise<void>;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly config: MeteringConfig,
  ) {
    super();
    this.producer = createProducer(kafka, { idempotent: true });
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
      this.connect().then(() => this.producer.send({ topic: TOPICS.METERING_USAGE.name, acks: -1, messages })),
      this.config.PUBLISH_TIMEOUT_MS,
    );
  }

  async onModuleDestroy(): Promise<void> {
    if (this.connecting) await this.producer.disconnect().catch(() => undefined);
  }

  private connect(): Promise<void> {
    this.connecting ??= (async () => {
      await ensureTopics(this.kafka, [TOPICS.METERING_USAGE]);
      await this.producer.connect();
    })().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }
}
