// npm run kafka:fetch | kafka:start | kafka:stop — the local single-node broker.
import broker from './broker.cjs';

const command = process.argv[2];
try {
  if (command === 'fetch') broker.fetchJars();
  else if (command === 'start') await broker.startBroker();
  else if (command === 'stop') (await broker.stopBroker()) || console.log('[kafka] no broker started from .cache/kafka/data is running');
  else {
    console.error('usage: node tools/kafka/kafka.mjs fetch|start|stop');
    process.exit(2);
  }
} catch (error) {
  console.error(`[kafka] ${error.message}`);
  process.exit(1);
}
