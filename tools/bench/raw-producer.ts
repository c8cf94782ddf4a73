/** The ceiling for the benchmarks: how fast a bare kafkajs producer gets usage events into Kafka here. */
import { Kafka } from 'kafkajs';
import { createProducer } from '@tenantry/messaging';
import { eventMessage, tenantIds, usage } from '@tenantry/testing';

/** Messages per second for `messages` UsageRecorded events sent in batches of 1,000 with acks=all (idempotent producer). */
export async function rawProducerThroughput(kafka: Kafka, topic: string, messages: number): Promise<number> {
  const tenants = tenantIds(50);
  const producer = createProducer(kafka, { idempotent: true });
  await producer.connect();
  try {
    const batch = Array.from({ length: 1_000 }, (_, i) => eventMessage('UsageRecorded', usage(tenants[i % tenants.length] as string, i)));
    await producer.send({ topic, acks: -1, messages: batch.slice(0, 100) }); // warm-up
    const started = process.hrtime.bigint();
    for (let sent = 0; sent < messages; sent += batch.length) await producer.send({ topic, acks: -1, messages: batch });
    return messages / (Number(process.hrtime.bigint() - started) / 1e9);
  } finally {
    await producer.disconnect();
  }
}
