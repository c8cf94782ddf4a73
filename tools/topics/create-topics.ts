/**
 * Creates every topic of the event catalogue with its declared partitions and retention, then waits
 * until the broker serves consumer groups and idempotent producers, so services started next join
 * and start producing at their first try.
 */
import { TOPICS, TopicDefinition } from '@tenantry/contracts';
import { createKafka, ensureTopics, waitForCoordinators } from '@tenantry/messaging';

export async function createTopics(brokers: string): Promise<void> {
  const kafka = createKafka({ clientId: 'tenantry-topics', brokers });
  await ensureTopics(kafka, Object.values(TOPICS) as TopicDefinition[]);
  await waitForCoordinators(kafka);
}

if (require.main === module) {
  // Tools read their environment directly; services go through @tenantry/config.
  const brokers = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';
  createTopics(brokers)
    .then(() => console.log(`[topics] ${Object.keys(TOPICS).length} topics present on ${brokers}, group and transaction coordinators ready`))
    .catch((error: unknown) => {
      console.error(`[topics] ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
