/** One place that knows how Tenantry talks to Kafka: client settings, log bridging, topic creation. */
import { Admin, Kafka, logLevel, LogEntry, Partitioners, Producer } from 'kafkajs';
import { Logger } from '@tenantry/observability';
import { DEAD_LETTER_RETENTION_MS, TopicDefinition } from '@tenantry/contracts';

export interface KafkaClientOptions {
  clientId: string;
  brokers: string;
  logger?: Logger;
}

function bridgeLogs(logger: Logger | undefined) {
  return () =>
    ({ level, log }: LogEntry) => {
      if (!logger) return;
      const { message, ...extra } = log;
      // Expected by design: the outbox bounds producer retries and relies on consumer deduplication.
      if (message.startsWith('Limiting retries for the idempotent producer')) return;
      const fields = { kafka: extra };
      if (level === logLevel.ERROR) logger.error(fields, message);
      else if (level === logLevel.WARN) logger.warn(fields, message);
    };
}

export function createKafka(options: KafkaClientOptions): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers.split(',').map((broker) => broker.trim()),
    connectionTimeout: 3_000,
    requestTimeout: 15_000,
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5_000 },
    logLevel: logLevel.WARN,
    logCreator: bridgeLogs(options.logger),
  });
}

/**
 * Producers use the Java client's murmur2 partitioner, so kcat or a Java consumer agree on where
 * a tenant's key lands. The idempotent one (acks=all, one request in flight) is the outbox's.
 */
export function createProducer(kafka: Kafka, options: { idempotent?: boolean } = {}): Producer {
  return kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
    ...(options.idempotent ? { idempotent: true, maxInFlightRequests: 1, retry: { retries: 5 } } : {}),
  });
}

/** Creates the topics that are missing, with their declared partitions and retention. */
export async function ensureTopics(kafka: Kafka, topics: readonly TopicDefinition[]): Promise<void> {
  const admin: Admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic.name));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic: topic.name,
        numPartitions: topic.partitions,
        replicationFactor: -1,
        configEntries: [{ name: 'retention.ms', value: String(topic.retentionMs) }],
      })),
    });
  } finally {
    await admin.disconnect();
  }
}

export function deadLetterTopicDefinition(name: string): TopicDefinition {
  return { name, partitions: 1, retentionMs: DEAD_LETTER_RETENTION_MS, description: 'Dead letters of one consumer group.' };
}
