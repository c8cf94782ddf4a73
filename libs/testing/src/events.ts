/** Builds real CloudEvents Kafka messages, and topics of their own, for consumer tests. */
import { randomUUID } from 'node:crypto';
import { Kafka, Message } from 'kafkajs';
import { eventDefinition, EventName, EventPayload, toKafkaHeaders, UsageRecordedPayload } from '@tenantry/contracts';
import { createProducer } from '@tenantry/messaging';

export function eventMessage<N extends EventName>(type: N, payload: EventPayload<N>, id: string = randomUUID()): Message {
  const definition = eventDefinition(type);
  return {
    key: definition.key(payload),
    value: JSON.stringify(payload),
    headers: toKafkaHeaders({ id, type, source: '/tenantry/tests', time: new Date().toISOString(), schemaVersion: definition.version, tenantId: definition.tenantId(payload) }),
  };
}

export function usage(tenantId: string, seq: number, quantity = String(seq)): UsageRecordedPayload {
  return { tenantId, eventId: `evt-${seq}`, metric: 'api_calls', quantity, timestamp: new Date().toISOString(), source: 'api' };
}

export function tenantIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`);
}

export async function createTopic(kafka: Kafka, topic: string, partitions = 3): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }] });
  } finally {
    await admin.disconnect();
  }
}

export async function produce(kafka: Kafka, topic: string, messages: Message[]): Promise<void> {
  const producer = createProducer(kafka, { idempotent: true });
  await producer.connect();
  try {
    for (let i = 0; i < messages.length; i += 500) await producer.send({ topic, acks: -1, messages: messages.slice(i, i + 500) });
  } finally {
    await producer.disconnect();
  }
}

/** True once the group has committed every message currently on the topic. */
export async function caughtUp(kafka: Kafka, groupId: string, topic: string): Promise<boolean> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const ends = await admin.fetchTopicOffsets(topic);
    return ends.every((end) => {
      const own = committed?.partitions.find((p) => p.partition === end.partition);
      return end.high === '0' || own?.offset === end.high;
    });
  } finally {
    await admin.disconnect();
  }
}
