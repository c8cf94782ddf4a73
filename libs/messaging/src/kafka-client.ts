/** One place that knows how Tenantry talks to Kafka: client settings, log bridging, topic creation. */
import { Admin, Kafka, logLevel, LogEntry, Partitioners, Producer } from 'kafkajs';
import { Logger } from '@tenantry/observability';
import { DEAD_LETTER_RETENTION_MS, TopicDefinition } from '@tenantry/contracts';

export interface KafkaClientOptions {
  clientId: string;
  brokers: string;
  logger?: Logger;
}

/**
 * What a fresh broker answers while it elects partition leaders and creates and loads the group
 * coordinator's `__consumer_offsets` (kafkajs's messages for GROUP_COORDINATOR_NOT_AVAILABLE,
 * NOT_COORDINATOR, COORDINATOR_LOAD_IN_PROGRESS and LEADER_NOT_AVAILABLE). kafkajs retries them.
 */
export const SETTLING_ERRORS: readonly string[] = [
  'The group coordinator is not available',
  'This is not the correct coordinator for this group',
  "The coordinator is loading and hence can't process requests for this group",
  'There is no leader for this topic-partition as we are in the middle of a leadership election',
];

/**
 * Routes kafkajs's log to the service's logger. While a consumer makes its first join, the answers
 * of a broker that is still settling (SETTLING_ERRORS), and the retriable crash and restart they
 * cause, are logged at debug: a healthy start prints no ERROR. Afterwards they are errors again.
 */
export class KafkaLogBridge {
  private firstJoins = 0;
  /** Groups whose last crash was a settling error, so their "Restarting the consumer" is expected too. */
  private readonly settlingRestarts = new Set<string>();

  constructor(private readonly logger: Logger | undefined) {}

  /** A consumer's first start begins; call the returned function once it has joined its group (or stops). */
  firstJoin(): () => void {
    this.firstJoins += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.firstJoins -= 1;
      if (this.firstJoins === 0) this.settlingRestarts.clear();
    };
  }

  /** True for an error a settling broker gives while a consumer makes its first join. */
  isSettling(error: unknown): boolean {
    if (this.firstJoins === 0) return false;
    const message = typeof error === 'string' ? error : error instanceof Error ? error.message : '';
    return SETTLING_ERRORS.some((known) => message.includes(known));
  }

  readonly log = ({ level, log }: LogEntry): void => {
    if (!this.logger) return;
    const { message, ...extra } = log;
    // Expected by design: the outbox bounds producer retries and relies on consumer deduplication.
    if (message.startsWith('Limiting retries for the idempotent producer')) return;
    if (level !== logLevel.ERROR && level !== logLevel.WARN) return;
    const fields = { kafka: extra };
    const group = typeof extra['groupId'] === 'string' ? extra['groupId'] : undefined;
    const settling = this.isSettling(typeof extra['error'] === 'string' ? extra['error'] : message);
    if (settling && group && message.startsWith('Crash')) this.settlingRestarts.add(group);
    if (settling || (group && message.startsWith('Restarting the consumer') && this.settlingRestarts.delete(group))) {
      this.logger.debug(fields, message);
    } else if (level === logLevel.ERROR) this.logger.error(fields, message);
    else this.logger.warn(fields, message);
  };
}

const bridges = new WeakMap<Kafka, KafkaLogBridge>();

/** The log bridge of a client made by createKafka. */
export function kafkaLogsOf(kafka: Kafka): KafkaLogBridge | undefined {
  return bridges.get(kafka);
}

export function createKafka(options: KafkaClientOptions): Kafka {
  const bridge = new KafkaLogBridge(options.logger);
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: options.brokers.split(',').map((broker) => broker.trim()),
    connectionTimeout: 3_000,
    requestTimeout: 15_000,
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5_000 },
    logLevel: logLevel.WARN,
    logCreator: () => bridge.log,
  });
  bridges.set(kafka, bridge);
  return kafka;
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

/**
 * Waits until a (possibly fresh) broker can serve the services: the topics have leaders, the group
 * coordinator (`__consumer_offsets`, created on the first request for it) has loaded, and so has
 * the transaction coordinator that hands idempotent producers their id (`__transaction_state`).
 * Start-up tooling calls it once, so the services started next join their groups and start their
 * producers at the first try instead of logging the broker's "coordinator is loading" answers.
 */
export async function waitForCoordinators(kafka: Kafka, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const admin: Admin = kafka.admin();
  await admin.connect();
  try {
    // Answers only once the coordinator of this (empty) group has loaded its partition.
    await untilDeadline(deadline, () => admin.fetchOffsets({ groupId: 'tenantry.readiness-probe', topics: [] }));
  } finally {
    await admin.disconnect();
  }
  // An idempotent producer's connect asks the transaction coordinator for a producer id.
  await untilDeadline(deadline, async () => {
    const producer = createProducer(kafka, { idempotent: true });
    try {
      await producer.connect();
    } finally {
      await producer.disconnect();
    }
  });
}

async function untilDeadline(deadline: number, attempt: () => Promise<unknown>): Promise<void> {
  for (;;) {
    try {
      await attempt();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

export function deadLetterTopicDefinition(name: string): TopicDefinition {
  return { name, partitions: 1, retentionMs: DEAD_LETTER_RETENTION_MS, description: 'Dead letters of one consumer group.' };
}
