// `npm run infra:up` / `infra:down`: only the infrastructure (Kafka broker, PostgreSQL, Redis, topics),
// for running single test suites or services by hand.
import { createRequire } from 'node:module';
import { build, createTopics, ensureDependencies, infrastructureUp, log } from './steps.mjs';

const require = createRequire(import.meta.url);
const command = process.argv[2];
try {
  if (command === 'up') {
    ensureDependencies();
    await infrastructureUp();
    build();
    createTopics();
    log('infra', 'Kafka, PostgreSQL and Redis are up; `npm run infra:down` stops the broker');
  } else if (command === 'down') {
    await require('../kafka/broker.cjs').stopBroker();
  } else {
    console.error('usage: node tools/stack/infra.mjs up|down');
    process.exit(2);
  }
} catch (error) {
  // A refusal (e.g. another broker already owns this checkout's data directory) is a message, not a stack trace.
  console.error(`[infra] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
