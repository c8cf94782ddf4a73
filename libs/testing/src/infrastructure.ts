/** Starts (or reuses) the real infrastructure tests run against: the local Kafka broker and PostgreSQL. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root, whether this runs from libs/testing/src (Jest) or dist/libs/testing/src. */
function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no nx.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export const REPO_ROOT = findRoot(__dirname);

interface BrokerTools {
  startBroker(options?: { dataDir?: string; port?: number; controllerPort?: number; heapMb?: number; quiet?: boolean }): Promise<{ reused: boolean; pid?: number }>;
  stopBroker(options?: { dataDir?: string; signal?: NodeJS.Signals; graceMs?: number; quiet?: boolean }): Promise<boolean>;
  /** Claims a data directory for a broker on `port`: throws naming the broker that runs from it; removes a stale pid file. */
  claimDataDir(dataDir: string, port: number): void;
  /** The pid of the broker started from `dataDir` while it runs (its pid file read and checked), else undefined. */
  readPid(dataDir: string): number | undefined;
  /** This checkout's broker data directory (.cache/kafka/data). */
  DEFAULT_DATA_DIR: string;
  portOpen(port: number): Promise<boolean>;
}

interface PostgresTools {
  ensurePostgres(options?: { quiet?: boolean }): Promise<{ url: string }>;
  databaseUrl(): string;
  restartPostgres(): Promise<void>;
}

// Plain CommonJS tools shared with the npm scripts (they must run before anything is built).
export const broker = require(join(REPO_ROOT, 'tools', 'kafka', 'broker.cjs')) as BrokerTools;
const postgres = require(join(REPO_ROOT, 'tools', 'stack', 'postgres.cjs')) as PostgresTools;

export const KAFKA_BROKERS = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';

export function databaseUrl(): string {
  return postgres.databaseUrl();
}

/** Restarts the local PostgreSQL server and waits until it accepts connections again (fault tests). */
export function restartPostgres(): Promise<void> {
  return postgres.restartPostgres();
}

export async function ensureInfrastructure(): Promise<void> {
  const port = Number(KAFKA_BROKERS.split(',')[0]?.split(':')[1] ?? 9092);
  // The controller listens next to the client port, so a second broker (another checkout) can run beside this one.
  await broker.startBroker({ port, controllerPort: port + 1, quiet: true });
  await postgres.ensurePostgres({ quiet: true });
}
