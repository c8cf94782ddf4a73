// `npm start`: the whole suite on this machine without Docker. Infrastructure up (Kafka broker,
// PostgreSQL, Redis for the gateway's rate limits), build, topics, then all seven services as
// processes with prefixed logs; waits until every /health/ready is green, prints where to look,
// and stops everything on Ctrl-C.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { build, createTopics, ensureDependencies, infrastructureUp, kafkaBrokers, log, ROOT } from './steps.mjs';

const SERVICES = [
  ['gateway', 3000],
  ['tenant-registry', 3001],
  ['provisioning', 3002],
  ['metering', 3003],
  ['billing', 3004],
  ['health-scoring', 3005],
  ['notifications', 3006],
];
const LOG_DIR = join(ROOT, '.run', 'logs');
const { devSecretsEnv, DEV_SECRETS_FILE } = createRequire(import.meta.url)('./dev-secrets.cjs');
const { startDevInbox } = createRequire(import.meta.url)('./dev-inbox.cjs');
const COLOURS = [36, 35, 33, 32, 34, 31, 96];
const width = Math.max(...SERVICES.map(([name]) => name.length));

function prefix(name, index) {
  const label = name.padEnd(width);
  return process.stdout.isTTY ? `\x1b[${COLOURS[index % COLOURS.length]}m${label}\x1b[0m |` : `${label} |`;
}

/** One readable line from a pino JSON line; anything else passes through. */
function humanise(line) {
  try {
    const entry = JSON.parse(line);
    const extra = entry.err?.message ? ` (${entry.err.message})` : entry.url ? ` ${entry.url}` : '';
    return `${String(entry.level).toUpperCase().padEnd(5)} ${entry.msg}${extra}`;
  } catch {
    return line;
  }
}

async function waitUntilReady(port, child, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (response.status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

async function main() {
  ensureDependencies();
  const infrastructure = await infrastructureUp();
  build();
  createTopics();
  mkdirSync(LOG_DIR, { recursive: true });
  // This checkout's own secrets (made once, kept in .cache): no service has a usable default.
  const secrets = devSecretsEnv();
  log('stack', `secrets:  ${DEV_SECRETS_FILE} (local only; a real install sets its own, README "Security")`);
  // Mail: to the SMTP_URL given, else to a local SMTP server with a web inbox started here.
  const inbox = process.env.SMTP_URL ? undefined : await startDevInbox({ smtpPort: Number(process.env.DEV_SMTP_PORT ?? 1025), httpPort: Number(process.env.DEV_INBOX_PORT ?? 1080) });
  const mailEnv = inbox ? { SMTP_URL: inbox.smtpUrl } : {};
  // The unsubscribe links in mails point at this gateway (its keyless /api/v1/platform/unsubscribe).
  mailEnv.NOTIFY_PUBLIC_URL = `http://127.0.0.1:${process.env.GATEWAY_PORT ?? 3000}`;
  // Notifications fetches the invoice PDF of invoice-issued mails from this billing (its own key pair is in the secrets).
  mailEnv.BILLING_URL = `http://127.0.0.1:${process.env.BILLING_PORT ?? 3004}`;

  const children = SERVICES.map(([name, defaultPort], index) => {
    const port = Number(process.env[`${name.toUpperCase().replace(/-/g, '_')}_PORT`] ?? defaultPort);
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', name, 'src', 'main.js')], {
      cwd: ROOT,
      env: { ...secrets, ...mailEnv, ...process.env, KAFKA_BROKERS: kafkaBrokers(), PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const file = createWriteStream(join(LOG_DIR, `${name}.log`), { flags: 'a' });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        file.write(`${line}\n`);
        console.log(`${prefix(name, index)} ${humanise(line)}`);
      });
    }
    child.on('exit', (code, signal) => {
      if (!stopping) console.log(`${prefix(name, index)} exited (${code ?? signal})`);
    });
    return { name, port, child };
  });

  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    log('stack', 'stopping services…');
    await Promise.all(
      children.map(({ child }) =>
        child.exitCode !== null ? undefined : new Promise((resolve) => {
          child.once('exit', resolve);
          child.kill('SIGTERM');
        }),
      ),
    );
    await inbox?.close();
    await infrastructure.down();
    log('stack', 'stopped');
    process.exit(code);
  };
  // If this runner dies some other way, do not leave orphaned services behind.
  process.on('exit', () => children.forEach(({ child }) => child.exitCode === null && child.kill('SIGTERM')));
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  const ready = await Promise.all(children.map(({ port, child }) => waitUntilReady(port, child)));
  const failed = children.filter((_, i) => !ready[i]).map(({ name }) => name);
  if (failed.length > 0) {
    log('stack', `not ready: ${failed.join(', ')}; see ${LOG_DIR}`);
    await stop(1);
    return;
  }
  console.log('');
  log('stack', `all ${children.length} services are ready`);
  log('stack', `gateway:  http://127.0.0.1:${children[0].port}  (health: /health/ready)`);
  log('stack', `console:  http://127.0.0.1:${children[0].port}/console  (sign in with the bootstrap admin key the gateway printed, or TENANTRY_BOOTSTRAP_ADMIN_KEY)`);
  log('stack', `redis:    ${process.env.REDIS_URL || 'redis://127.0.0.1:6379'} (the gateway's rate-limit buckets)`);
  log('stack', inbox ? `mail:     ${inbox.inboxUrl}  (every mail the suite sends; SMTP ${inbox.smtpUrl})` : `mail:     sent to ${process.env.SMTP_URL}`);
  log('stack', `services: ${children.map(({ name, port }) => `${name}=:${port}`).join(' ')}`);
  // Metrics and readiness details are on each service's management port (PORT + 1000), never the public one.
  log('stack', `metrics:  ${children.map(({ name, port }) => `${name}=http://127.0.0.1:${port + 1000}/metrics`).join(' ')}`);
  log('stack', '          (readiness details: /health/ready on the same management ports)');
  log('stack', `logs:     ${LOG_DIR}/<service>.log (JSON), broker log .cache/kafka/data/server.log`);
  log('stack', 'press Ctrl-C to stop everything');
}

main().catch((error) => {
  console.error(`[stack] ${error.stack ?? error}`);
  process.exit(1);
});
