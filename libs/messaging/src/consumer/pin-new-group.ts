import { Kafka } from 'kafkajs';

/**
 * Commits the current end offset of every partition of `topics` that `groupId` has no offset for,
 * and answers how many it pinned. A group told to start at the end (KAFKA_NEW_GROUPS_FROM=latest)
 * does this before its first member joins: kafkajs alone resolves "latest" only when a member first
 * fetches a partition, and again after a rebalance that comes before its first commit there, so an
 * event produced after the service reported ready could be skipped. Pinned, the start is fixed when
 * the service starts and every later event is consumed.
 *
 * It fails when the group already has running members (another instance started first and has
 * pinned it); the caller carries on.
 */
export async function pinNewGroupAtEnd(kafka: Kafka, groupId: string, topics: readonly string[]): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    let pinned = 0;
    for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics: [...topics] })) {
      const unset = new Set(partitions.filter(({ offset }) => Number(offset) < 0).map(({ partition }) => partition));
      if (unset.size === 0) continue;
      const ends = (await admin.fetchTopicOffsets(topic)).filter(({ partition }) => unset.has(partition));
      await admin.setOffsets({ groupId, topic, partitions: ends.map(({ partition, offset }) => ({ partition, offset })) });
      pinned += ends.length;
    }
    return pinned;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
