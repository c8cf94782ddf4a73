/**
 * `npm run bench:notify`: the compiled notifications service under two steady streams of events on the
 * real topics for BENCH_SECONDS (default 60): BENCH_WEBHOOK_RATE (50) `SubscriptionChanged`/s, each
 * one signed webhook to a local HTTP receiver (a platform-wide endpoint subscribed to it; every
 * delivery's signature is checked with the reference `standardwebhooks` library; no mail), and
 * BENCH_MAIL_RATE (10) `TenantProvisioningFailed`/s, each one operator mail to an in-process SMTP
 * server (parsed with mailparser; no webhook). Reports, per channel, what was delivered during the production window and after
 * it (deliveries/s and mails/s over the window, the drain time after it) and the latency from the
 * event's production to its delivery (p50 / p99 / max). Uses a database of its own (dropped after),
 * consumer groups of its own from the end of the topics, and the broker of KAFKA_BROKERS.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Webhook } from 'standardwebhooks';
import { TOPICS } from '@tenantry/contracts';
import { eventMessage, internalAuthHeaders, REPO_ROOT, startService, testKafka, TestSmtpServer, waitFor, waitUntilReady } from '@tenantry/testing';
import type { RunningService } from '@tenantry/testing';
import { percentile } from './percentile';

const SERVER = new URL(process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/tenantry');
const RUN = randomBytes(3).toString('hex');
const DB = `tenantry_bench_notify_${RUN}`;
const WEBHOOK_RATE = Number(process.env['BENCH_WEBHOOK_RATE'] ?? 50);
const MAIL_RATE = Number(process.env['BENCH_MAIL_RATE'] ?? 10);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 60);
const DRAIN_TIMEOUT_MS = 300_000;
const OPERATOR = `bench-ops-${RUN}@bench.local`;
const load = () => loadavg().map((n) => n.toFixed(1)).join(' / ');

function dbUrl(name: string): string {
  const url = new URL(SERVER.toString());
  url.pathname = `/${name}`;
  return url.toString();
}

async function withClient<T>(database: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: dbUrl(database) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Production time of each event, by the sequence number it carries (webhooks: `planId`, mails: `reason`). */
const producedAt: number[] = [];
const mailProducedAt: number[] = [];
const webhookLatency = new Map<number, number>();
const mailLatency = new Map<number, number>();
const webhookAt: number[] = [];
const mailAt: number[] = [];
let badSignatures = 0;

function sequenceOf(text: string): number | undefined {
  const match = /bench-seq-(\d+)-end/.exec(text);
  return match ? Number(match[1]) : undefined;
}

function startReceiver(secret: () => string): Promise<Server> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const now = performance.now();
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        const headers = { 'webhook-id': String(request.headers['webhook-id']), 'webhook-timestamp': String(request.headers['webhook-timestamp']), 'webhook-signature': String(request.headers['webhook-signature']) };
        new Webhook(secret()).verify(body, headers);
      } catch {
        badSignatures += 1;
      }
      const seq = sequenceOf(body);
      if (seq !== undefined && !webhookLatency.has(seq) && producedAt[seq] !== undefined) {
        webhookLatency.set(seq, now - (producedAt[seq] as number));
        webhookAt.push(now);
      }
      response.writeHead(204).end();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function summary(name: string, produced: number, latencies: Map<number, number>, at: number[], windowStart: number, windowEnd: number, unit: string): string {
  const sorted = [...latencies.values()].sort((a, b) => a - b);
  const inWindow = at.filter((t) => t >= windowStart && t <= windowEnd).length;
  const last = at.length > 0 ? Math.max(...at) : windowEnd;
  const ms = (v: number) => `${Math.round(v).toLocaleString('en')} ms`;
  return (
    `${name}: ${latencies.size.toLocaleString('en')} of ${produced.toLocaleString('en')} delivered; ` +
    `${(inWindow / ((windowEnd - windowStart) / 1000)).toFixed(1)} ${unit}/s during the ${SECONDS} s window, all done ${((last - windowEnd) / 1000).toFixed(1)} s after it ` +
    `(${(latencies.size / ((last - windowStart) / 1000)).toFixed(1)} ${unit}/s overall); event → delivered p50 ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))}, max ${ms(sorted[sorted.length - 1] ?? NaN)}`
  );
}

async function main(): Promise<void> {
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average ${load()}`);
  console.log(`offered load for ${SECONDS} s: ${WEBHOOK_RATE} SubscriptionChanged/s (one webhook each) and ${MAIL_RATE} TenantProvisioningFailed/s (one operator mail each)`);
  await withClient('postgres', (c) => c.query(`CREATE DATABASE ${DB}`));
  const smtp = new TestSmtpServer();
  let notifications: RunningService | undefined;
  let receiver: Server | undefined;
  const producer = testKafka().producer({ idempotent: true });
  let secret = '';
  try {
    execFileSync(process.execPath, [join(REPO_ROOT, 'dist', 'tools', 'topics', 'create-topics.js')], { cwd: REPO_ROOT, stdio: 'ignore', env: process.env });
    await smtp.start();
    receiver = await startReceiver(() => secret);
    notifications = await startService('notifications', {
      DATABASE_URL: dbUrl(DB),
      KAFKA_GROUP_PREFIX: `bench-notify-${RUN}.`,
      KAFKA_NEW_GROUPS_FROM: 'latest',
      SMTP_URL: smtp.url,
      NOTIFY_OPERATOR_EMAILS: OPERATOR,
      NOTIFY_SEND_INTERVAL_MS: '100',
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      WEBHOOK_DELIVERY_INTERVAL_MS: '100',
    });
    await waitUntilReady(notifications);
    const created = await fetch(`${notifications.url}/internal/v1/webhook-endpoints`, {
      method: 'POST',
      headers: { ...internalAuthHeaders({ audience: 'notifications' }), 'content-type': 'application/json' },
      body: JSON.stringify({ url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, eventTypes: ['SubscriptionChanged'], description: 'bench:notify' }),
    });
    if (created.status !== 201) throw new Error(`creating the endpoint: ${created.status} ${await created.text()}`);
    secret = ((await created.json()) as { secret: string }).secret;
    await producer.connect();
    // The consumer groups start at the end of the topics once they have joined: give them a moment.
    await new Promise((resolve) => setTimeout(resolve, 5_000));

    // Mails: collected every 50 ms from what the SMTP server received and parsed (arrival time ±50 ms).
    const seenMails = new Set<number>();
    const collectMails = () => {
      for (const mail of smtp.to(OPERATOR)) {
        const s = sequenceOf(mail.text);
        if (s === undefined || seenMails.has(s)) continue;
        seenMails.add(s);
        const now = performance.now();
        mailLatency.set(s, now - (mailProducedAt[s] as number));
        mailAt.push(now);
      }
    };
    const collector = setInterval(collectMails, 50);
    const loadBefore = load();
    const windowStart = performance.now();
    const webhooksTotal = WEBHOOK_RATE * SECONDS;
    const mailsTotal = MAIL_RATE * SECONDS;
    const tick = 100;
    let hooks = 0;
    let mails = 0;
    while (hooks < webhooksTotal || mails < mailsTotal) {
      const elapsed = (performance.now() - windowStart) / 1000;
      const hookBatch = [];
      for (const due = Math.min(webhooksTotal, Math.floor(elapsed * WEBHOOK_RATE) + 1); hooks < due; hooks += 1) {
        producedAt[hooks] = performance.now();
        hookBatch.push(eventMessage('SubscriptionChanged', { tenantId: randomUUID(), subscriptionId: randomUUID(), planId: `bench-seq-${hooks}-end`, status: 'active', at: new Date().toISOString() }));
      }
      const mailBatch = [];
      for (const due = Math.min(mailsTotal, Math.floor(elapsed * MAIL_RATE) + 1); mails < due; mails += 1) {
        mailProducedAt[mails] = performance.now();
        mailBatch.push(eventMessage('TenantProvisioningFailed', { tenantId: randomUUID(), step: 'database', reason: `bench-seq-${mails}-end`, attempts: 1, at: new Date().toISOString() }));
      }
      const batches = [...(hookBatch.length > 0 ? [{ topic: TOPICS.BILLING.name, messages: hookBatch }] : []), ...(mailBatch.length > 0 ? [{ topic: TOPICS.TENANT_PROVISIONING.name, messages: mailBatch }] : [])];
      if (batches.length > 0) await producer.sendBatch({ topicMessages: batches });
      await new Promise((resolve) => setTimeout(resolve, tick));
    }
    const windowEnd = windowStart + SECONDS * 1000;
    await waitFor(
      async () => {
        collectMails();
        return webhookLatency.size >= webhooksTotal && mailLatency.size >= mailsTotal ? true : undefined;
      },
      { timeoutMs: DRAIN_TIMEOUT_MS, intervalMs: 50, what: 'every webhook and mail to arrive' },
    ).catch((error: unknown) => console.log(`  (${error instanceof Error ? error.message : String(error)})`));
    clearInterval(collector);
    console.log(`load average before / after: ${loadBefore} | ${load()}`);
    console.log(summary('webhooks', webhooksTotal, webhookLatency, webhookAt, windowStart, windowEnd, 'deliveries'));
    console.log(summary('mails', mailsTotal, mailLatency, mailAt, windowStart, windowEnd, 'mails'));
    console.log(`signatures that did not verify with standardwebhooks: ${badSignatures}; mails received ${smtp.to(OPERATOR).length} for ${seenMails.size} events`);
  } finally {
    await producer.disconnect().catch(() => undefined);
    await notifications?.process.kill('SIGTERM');
    await smtp.stop();
    receiver?.close();
    await withClient('postgres', (c) => c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`));
  }
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exit(1);
  });
