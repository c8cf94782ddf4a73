/**
 * Runs a service's Kafka side inside its Nest app: the outbox relay and the consumers start
 * when the app is up and stop, in order, before the database closes on SIGTERM.
 *
 * Why not @nestjs/microservices' Kafka transport: it commits offsets on its own, has no inbox
 * and cannot share the handler's database transaction, which are exactly the guarantees we need.
 */
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Admin, Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { ServiceConfig } from '@tenantry/config';
import { ConsumerHealth, consumerMode, createProducer, EventConsumer, OutboxRelay, SerialProducer } from '@tenantry/messaging';
import { Logger, ServiceMetrics } from '@tenantry/observability';
import { discoverConsumers } from './event-consumers';
import { KAFKA, LOGGER, SERVICE_CONFIG, SERVICE_DEFINITION, ServiceDefinition } from './service-definition';

@Injectable()
export class MessagingHost implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly producer: SerialProducer;
  private readonly relay: OutboxRelay;
  private consumers: EventConsumer[] = [];
  private admin?: Admin;

  constructor(
    @Inject(SERVICE_DEFINITION) private readonly definition: ServiceDefinition,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly discovery: DiscoveryService,
    private readonly dataSource: DataSource,
    private readonly metrics: ServiceMetrics,
  ) {
    this.producer = new SerialProducer(() => createProducer(kafka, { idempotent: true }));
    this.relay = new OutboxRelay({
      dataSource,
      schema: definition.schema,
      producer: this.producer,
      logger,
      metrics,
      pollMs: config.OUTBOX_POLL_MS,
    });
  }

  /** Every provider is instantiated by now, so the feature modules' consumers can be collected. */
  onModuleInit(): void {
    const { config, kafka, dataSource, logger, metrics } = this;
    const specs = discoverConsumers(this.discovery).map((spec) => ({ ...spec, groupId: `${config.KAFKA_GROUP_PREFIX}${spec.groupId}` }));
    this.consumers = specs.map(
      (spec) =>
        new EventConsumer({
          ...consumerMode(spec.groupId, spec),
          groupId: spec.groupId,
          topics: spec.topics,
          partitionsConsumedConcurrently: spec.partitionsConsumedConcurrently,
          fromBeginning: spec.fromBeginning ?? config.KAFKA_NEW_GROUPS_FROM === 'earliest',
          kafka,
          dataSource,
          logger,
          metrics,
          stallMs: config.CONSUMER_STALL_SECONDS * 1000,
        }),
    );
    if (specs.length > 0) logger.info({ consumers: specs.map(({ groupId, topics }) => ({ groupId, topics })) }, 'consumers registered');
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
    // Consumers join their groups in the background; readiness reports them until they have.
    for (const consumer of this.consumers) void consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
    await this.relay.stop();
    await this.producer.close().catch(() => undefined);
    await this.admin?.disconnect().catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  consumerHealth(): ConsumerHealth[] {
    return this.consumers.map((consumer) => consumer.health());
  }

  /** True when the broker answers a metadata request within the timeout. */
  async kafkaReachable(timeoutMs = 2_000): Promise<boolean> {
    try {
      if (!this.admin) {
        const admin = this.kafka.admin();
        await withTimeout(admin.connect(), timeoutMs);
        this.admin = admin;
      }
      await withTimeout(this.admin.describeCluster(), timeoutMs);
      return true;
    } catch {
      await this.admin?.disconnect().catch(() => undefined);
      this.admin = undefined;
      return false;
    }
  }

  get serviceName(): string {
    return this.definition.name;
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
