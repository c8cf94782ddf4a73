/**
 * Publishes accepted usage straight to Kafka (acks=all): for ingestion, Kafka's acknowledgement is
 * the durability point, so the hot path writes no outbox row. The chassis's DirectPublisher gives
 * the events the same envelope as outbox events (ce_source, correlation and trace from the request)
 * and serialises concurrent requests' sends (see libs/messaging/src/serial-producer.ts for why).
 */
import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { UsageRecordedPayload } from '@tenantry/contracts';
import { DirectPublisher } from '@tenantry/messaging';
import { KAFKA, withTimeout } from '@tenantry/service';
import { MeteringConfig } from '../metering.config';
import { SERVICE } from '../service';

export abstract class UsagePublisher {
  /** Resolves once Kafka acknowledged every event; rejects otherwise. */
  abstract publish(events: readonly UsageRecordedPayload[]): Promise<void>;
}

@Injectable()
export class KafkaUsagePublisher extends UsagePublisher implements OnModuleDestroy {
  private readonly publisher: DirectPublisher;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    private readonly config: MeteringConfig,
  ) {
    super();
    this.publisher = new DirectPublisher(kafka, SERVICE.name);
  }

  async publish(events: readonly UsageRecordedPayload[]): Promise<void> {
    if (events.length === 0) return;
    await withTimeout(this.publisher.publish('UsageRecorded', events), this.config.PUBLISH_TIMEOUT_MS);
  }

  async onModuleDestroy(): Promise<void> {
    await this.publisher.close();
  }
}
