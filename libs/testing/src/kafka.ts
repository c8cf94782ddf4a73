/** Plain kafkajs clients for tests: read what really landed on a topic, independently of the code under test. */
import { randomBytes } from 'node:crypto';
import { Kafka, KafkaMessage } from 'kafkajs';
import { TOPICS } from '@tenantry/contracts';
import { createKafka } from '@tenantry/messaging';
import { KAFKA_BROKERS } from './infrastructure';
import { waitFor } from './wait';

export function testKafka(brokers = KAFKA_BROKERS, clientId = 'tenantry-test'): Kafka {
  return createKafka({ clientId, brokers });
}

/** A partition's offset: where a group is to start reading it. */
export interface TopicOffset {
  topic: string;
  partition: number;
  offset: string;
}

/** The current end of every partition of `topics`: where a group started now would read the next event. */
export async function topicEnds(topics: string | readonly string[]): Promise<TopicOffset[]> {
  const names = typeof topics === 'string' ? [topics] : [...topics];
  const admin = testKafka().admin();
  await admin.connect();
  try {
    return (await Promise.all(names.map(async (topic) => (await admin.fetchTopicOffsets(topic)).map(({ partition, offset }) => ({ topic, partition, offset }))))).flat();
  } finally {
    await admin.disconnect();
  }
}

/**
 * Commits `groupId`'s offsets at the current end of `topics` before any member runs, so a consumer
 * started afterwards skips what earlier suites left on a shared topic (no backlog) and misses nothing
 * produced from now on (unlike KAFKA_NEW_GROUPS_FROM=latest, which fixes its start only on joining).
 * Answers the offsets it committed, so a later group can be started at the same place (startGroupAt).
 */
export async function startGroupAtEnd(groupId: string, topics: string | readonly string[]): Promise<TopicOffset[]> {
  const ends = await topicEnds(topics);
  await startGroupAt(groupId, ends);
  return ends;
}

/**
 * Commits `groupId`'s offsets at `offsets` before any member runs: a consumer started afterwards
 * reads each of those partitions from there, whatever the topics held before.
 *
 * What kafkajs's admin.setOffsets does (join the group alone, seek = commit, leave on the first fetch),
 * for several topics in one join and with a short fetch wait: the admin's consumer keeps the default
 * 5 s maxWaitTime, and with its topic paused that first fetch sleeps all of it, 5 s a group and topic.
 */
export async function startGroupAt(groupId: string, offsets: readonly TopicOffset[]): Promise<void> {
  const names = [...new Set(offsets.map(({ topic }) => topic))];
  const consumer = testKafka().consumer({ groupId, maxWaitTimeInMs: 50 });
  await consumer.connect();
  try {
    const { state } = await consumer.describeGroup();
    if (state !== 'Empty' && state !== 'Dead') throw new Error(`consumer group ${groupId} must have no running member to have its offsets set, its state is ${state}`);
    await consumer.subscribe({ topics: names, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer.on(consumer.events.FETCH, () => resolve());
      consumer.run({ eachBatchAutoResolve: false, eachBatch: async () => undefined }).catch(reject);
      // No data wanted: the seeks, committed on the first fetch, are the point.
      consumer.pause(names.map((topic) => ({ topic })));
      for (const offset of offsets) consumer.seek(offset);
    });
  } finally {
    await consumer.disconnect();
  }
}

/**
 * Moves `groupId`'s committed offsets on `topic` back to the topic's beginning, so its next member
 * replays all of it. The broker refuses while the group still has members (one that just left may
 * be settling), so this retries until the group is empty.
 */
export async function resetGroupToEarliest(groupId: string, topic: string, timeoutMs = 90_000): Promise<void> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    await waitFor(
      () =>
        admin.resetOffsets({ groupId, topic, earliest: true }).then(
          () => true,
          () => false,
        ),
      { timeoutMs, intervalMs: 1_000, what: `${groupId} to be empty for an offset reset` },
    );
  } finally {
    await admin.disconnect();
  }
}

/**
 * startGroupAtEnd for each of `groups` (with `prefix`, as a service run with KAFKA_GROUP_PREFIX names them) on every topic of
 * the catalogue: a compiled service started afterwards with that prefix sees only what its test produces.
 */
export async function groupsAtEndOfEveryTopic(prefix: string, groups: readonly string[]): Promise<void> {
  const topics = Object.values(TOPICS).map((topic) => topic.name);
  for (const group of groups) await startGroupAtEnd(`${prefix}${group}`, topics);
}

/**
 * Environment for a compiled service whose consumer groups are new (a prefix of their own) and
 * start at the end of every topic, pinned before it reports ready: it sees every event its test
 * produces afterwards and none of the backlog earlier suites left on the shared topics. For a
 * service that must not resume anything; a restarted instance gets the same environment back.
 */
export function freshGroups(label: string): Record<string, string> {
  return { KAFKA_GROUP_PREFIX: `${label}-${randomBytes(4).toString('hex')}.`, KAFKA_NEW_GROUPS_FROM: 'latest' };
}

export interface ReceivedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

function toReceived(topic: string, partition: number, message: KafkaMessage): ReceivedMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) headers[name] = first.toString();
  }
  return { topic, partition, offset: message.offset, key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers };
}

/** Reads a topic from the beginning until `done(messages)` holds, with a fresh consumer group. */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  done: (messages: ReceivedMessage[]) => boolean,
  options: { timeoutMs?: number; settleMs?: number } = {},
): Promise<ReceivedMessage[]> {
  const consumer = kafka.consumer({ groupId: `test-reader-${randomBytes(6).toString('hex')}`, maxWaitTimeInMs: 100 });
  const messages: ReceivedMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic: from, partition, message }) => {
        messages.push(toReceived(from, partition, message));
      },
    });
    await waitFor(() => done(messages), { timeoutMs: options.timeoutMs ?? 60_000, what: `messages on ${topic}` }).catch((error: unknown) => {
      throw new Error(`${error instanceof Error ? error.message : String(error)}; ${messages.length} message(s) had arrived`);
    });
    // Give late duplicates a chance to show up before the caller counts.
    if (options.settleMs) await new Promise((resolve) => setTimeout(resolve, options.settleMs));
    return [...messages];
  } finally {
    await consumer.disconnect();
  }
}

export function newTopicName(prefix: string): string {
  return `${prefix}.${randomBytes(4).toString('hex')}`;
}
