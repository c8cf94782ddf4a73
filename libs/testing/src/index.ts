export { broker, databaseUrl, ensureInfrastructure, KAFKA_BROKERS, REPO_ROOT } from './infrastructure';
export { createTestSchema, uniqueName } from './database';
export type { TestSchema } from './database';
export { newTopicName, readTopic, testKafka } from './kafka';
export type { ReceivedMessage } from './kafka';
export { testLogger } from './logger';
export { sleep, waitFor } from './wait';
export { spawnProcess } from './processes';
export type { SpawnedProcess } from './processes';
