// The set-up steps `npm start` and `npm test` share: dependencies, broker, database, Redis, build, topics.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const broker = require('../kafka/broker.cjs');

export function log(step, message) {
  console.log(`[${step}] ${message}`);
}

/** Runs a command in the repo root with inherited output; throws on a non-zero exit. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...options.env } });
  if (result.status !== 0) {
    const error = new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
    error.exitCode = result.status ?? 1;
    throw error;
  }
}

/**
 * Installs npm dependencies when node_modules is missing or older than the lock file. A node_modules
 * that links to another checkout's (a git worktree) is that checkout's to maintain: `npm ci` would
 * empty the target of the link, so it is left alone.
 */
export function ensureDependencies() {
  const modules = join(ROOT, 'node_modules');
  if (existsSync(modules) && lstatSync(modules).isSymbolicLink()) return;
  const marker = join(modules, '.package-lock.json');
  const lock = join(ROOT, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  log('deps', 'installing npm dependencies (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

export function kafkaBrokers() {
  return process.env.KAFKA_BROKERS || '127.0.0.1:9092';
}

/** Starts or reuses the broker, the database and Redis. Returns what was started here, to stop it later. */
export async function infrastructureUp() {
  broker.fetchJars();
  const port = Number(kafkaBrokers().split(',')[0].split(':')[1] || 9092);
  const kafka = await broker.startBroker({ port, controllerPort: port + 1 });
  const { ensurePostgres } = require('./postgres.cjs');
  const postgres = await ensurePostgres();
  const { ensureRedis } = require('./redis.cjs');
  const redis = await ensureRedis();
  return {
    async down() {
      if (!kafka.reused) await broker.stopBroker();
      if (postgres.embedded) await postgres.embedded.stop();
      if (redis.started) await redis.started.stop();
    },
  };
}

export function build() {
  log('build', 'compiling apps, libs and tools with swc…');
  execFileSync(process.execPath, [join(ROOT, 'tools', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
}

export function createTopics() {
  execFileSync(process.execPath, [join(ROOT, 'dist', 'tools', 'topics', 'create-topics.js')], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, KAFKA_BROKERS: kafkaBrokers() },
  });
}
