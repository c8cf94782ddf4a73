/**
 * When the fault run finds acknowledged events missing, where did they go? Reads the usage topic
 * from the offsets it had when the run started and tells, per partition, how many of the missing
 * events are in Kafka (so the consumer side dropped them) or not (so the producer side did), next
 * to the consumer group's committed offset and the partition's end.
 */
import { randomBytes } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { waitFor } from '@tenantry/testing';

export type PartitionOffsets = Map<number, bigint>;

export async function partitionEnds(kafka: Kafka, topic: string): Promise<PartitionOffsets> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, BigInt(p.high)]));
  } finally {
    await admin.disconnect();
  }
}

interface PartitionFindings {
  found: number;
  firstOffset?: bigint;
  lastOffset?: bigint;
}

/** One line per partition that holds or should hold a missing event, plus a summary line. */
export async function diagnoseLoss(options: {
  kafka: Kafka;
  topic: string;
  since: PartitionOffsets;
  missing: ReadonlySet<string>;
  groupId: string;
  /** How many of these CloudEvents ids the consumer's inbox holds (marked as processed). */
  inboxHolds?: (ceIds: string[]) => Promise<number>;
}): Promise<string[]> {
  const { kafka, topic, since, missing } = options;
  const ends = await partitionEnds(kafka, topic);
  const admin = kafka.admin();
  await admin.connect();
  let committed: Map<number, string>;
  try {
    const [offsets] = await admin.fetchOffsets({ groupId: options.groupId, topics: [topic] });
    committed = new Map((offsets?.partitions ?? []).map((p) => [p.partition, p.offset]));
  } finally {
    await admin.disconnect();
  }

  const findings = new Map<number, PartitionFindings>();
  const ceIds: string[] = [];
  const reached = new Map<number, bigint>();
  const consumer = kafka.consumer({ groupId: `loss-diagnosis-${randomBytes(6).toString('hex')}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          const offset = BigInt(message.offset);
          reached.set(batch.partition, offset + 1n);
          const value = message.value?.toString('utf8') ?? '';
          const id = /"eventId":"([^"]+)"/.exec(value)?.[1];
          if (!id || !missing.has(id)) continue;
          const ceId = message.headers?.['ce_id']?.toString();
          if (ceId) ceIds.push(ceId);
          const entry = findings.get(batch.partition) ?? { found: 0 };
          entry.found += 1;
          entry.firstOffset ??= offset;
          entry.lastOffset = offset;
          findings.set(batch.partition, entry);
        }
      },
    });
    for (const [partition, offset] of since) consumer.seek({ topic, partition, offset: offset.toString() });
    await waitFor(() => [...ends].every(([partition, end]) => end <= (since.get(partition) ?? 0n) || (reached.get(partition) ?? 0n) >= end), {
      timeoutMs: 120_000,
      what: 'the usage topic to be read to its end',
    });
  } finally {
    await consumer.disconnect();
  }

  let inKafka = 0;
  const lines: string[] = [];
  for (const [partition, end] of [...ends].sort(([a], [b]) => a - b)) {
    const entry = findings.get(partition);
    if (entry) inKafka += entry.found;
    const group = committed.get(partition) ?? '-1';
    if (!entry && BigInt(group === '-1' ? 0 : group) >= end) continue;
    lines.push(
      `partition ${partition}: run started at ${since.get(partition) ?? 0n}, end ${end}, group committed ${group}` +
        (entry ? `; ${entry.found} missing event(s) in Kafka at offsets ${entry.firstOffset}–${entry.lastOffset}` : ''),
    );
  }
  lines.push(`${inKafka} message(s) in Kafka carry the ${missing.size} missing event(s) (consumer side if > 0)`);
  if (options.inboxHolds && ceIds.length > 0) lines.push(`the consumer's inbox marks ${await options.inboxHolds(ceIds)} of those ${ceIds.length} message(s) as processed`);
  return lines;
}
