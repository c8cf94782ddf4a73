// The dunning ladder across instances and restarts, against the real broker and database: two billing
// instances on one schema review the same tenant twice each at once → one step; after both stop and
// a new instance starts on the same schema, the ladder goes on from where it was, each step once.
// And a bad BILLING_DUNNING_LADDER stops the compiled service with exit 78 naming the variable.
import { randomUUID } from 'node:crypto';
import { EventPayload, TOPICS } from '@tenantry/contracts';
import { eventMessage, produce, readTopic, ReceivedMessage, startService, testKafka } from '@tenantry/testing';
import { EvaluateDunningCommand } from '../src/dunning/usecases/evaluate-dunning/evaluate-dunning.command';
import { EvaluateDunningUseCase } from '../src/dunning/usecases/evaluate-dunning/evaluate-dunning.use-case';
import { RunningBilling, startBilling } from './billing-client';

jest.setTimeout(180_000);

const kafka = testKafka();
const ENV = { SANDBOX_SETTLE_DELAY_MS: '50', PAYMENT_COLLECTION_INTERVAL_MS: '200', DUNNING_INTERVAL_MS: '3600000' };

function tenantCreated(tenantId: string): EventPayload<'TenantCreated'> {
  return {
    tenantId,
    slug: `t-${tenantId.slice(0, 8)}`,
    name: `Tenant ${tenantId.slice(0, 8)}`,
    domain: { type: 'subdomain', value: `t-${tenantId.slice(0, 8)}`, ssl: true },
    plan: { id: 'starter', trial: false },
    adminEmail: 'ops@example.com',
    configuration: { theme: 'default', language: 'en', timezone: 'UTC', currency: 'USD' },
    resources: { storage: 1, bandwidth: 1, users: 1 },
    createdAt: '2026-04-01T00:00:00.000Z',
  };
}

describe('billing dunning across instances and restarts (int)', () => {
  let billing: RunningBilling;
  let second: RunningBilling | undefined;
  const LATE = randomUUID();

  /** Runs the dunning review as of `at` on every running instance, twice on each, all at once. */
  async function evaluateEverywhere(at: Date): Promise<void> {
    const instances = [billing, second].filter((b): b is RunningBilling => b !== undefined);
    await Promise.all(
      instances.flatMap((b) => {
        b.clock.set(at);
        const evaluate = b.app.get(EvaluateDunningUseCase);
        return [evaluate.execute(new EvaluateDunningCommand(at)), evaluate.execute(new EvaluateDunningCommand(at))];
      }),
    );
  }

  /** The [step, daysOverdue] of the tenant's DunningEscalated events, once there are `count` (then a settle time for extras). */
  async function steps(count: number): Promise<[string, number][]> {
    const pick = (all: ReceivedMessage[]) => all.filter((m) => m.headers['ce_type'] === 'DunningEscalated' && m.key === LATE).map((m) => JSON.parse(m.value ?? '{}') as EventPayload<'DunningEscalated'>);
    return pick(await readTopic(kafka, TOPICS.BILLING.name, (all) => pick(all).length >= count, { settleMs: 1_000 })).map((e) => [e.step, e.daysOverdue]);
  }

  beforeAll(async () => {
    billing = await startBilling(new Date('2026-04-14T09:00:00.000Z'), ENV);
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantCreated', tenantCreated(LATE))]);
    await billing.api.awaitSubscription(LATE);
    expect((await billing.api.attachPaymentMethod(LATE, { number: '4000000000000341', expMonth: 12, expYear: 2030 })).status).toBe(201);
    billing.clock.set(new Date('2026-05-05T00:00:00.000Z'));
    expect(await billing.api.billingRun()).toMatchObject({ status: 'completed' });
    await billing.api.awaitPaymentStatus((await billing.api.invoices(LATE)).body.invoices[0]?.id as string, 'failed');
  });

  afterAll(async () => {
    await second?.stop({ keepSchema: true });
    await billing?.stop();
  });

  it('takes a step once with the review run twice at once on each of two instances of one schema', async () => {
    second = await startBilling(new Date('2026-05-08T00:00:00.000Z'), ENV, { schema: billing.schema });
    await evaluateEverywhere(new Date('2026-05-08T00:00:00.000Z'));
    expect(await steps(1)).toEqual([['warning', 3]]);
    await evaluateEverywhere(new Date('2026-05-19T00:00:00.000Z'));
    expect(await steps(2)).toEqual([['warning', 3], ['suspended', 14]]);
  });

  it('goes on after a restart from where it was, each step once', async () => {
    await second?.stop({ keepSchema: true });
    second = undefined;
    await billing.stop({ keepSchema: true });
    billing = await startBilling(new Date('2026-05-19T00:00:00.000Z'), ENV, { schema: billing.schema });
    await evaluateEverywhere(new Date('2026-06-03T23:59:00.000Z'));
    expect(await steps(2)).toEqual([['warning', 3], ['suspended', 14]]);
    await evaluateEverywhere(new Date('2026-06-04T00:00:00.000Z'));
    await evaluateEverywhere(new Date('2026-06-05T00:00:00.000Z'));
    expect(await steps(3)).toEqual([['warning', 3], ['suspended', 14], ['inactive', 30]]);
  });

  it('refuses to start on a bad ladder: exit 78 naming BILLING_DUNNING_LADDER and what is wrong', async () => {
    for (const [value, says] of [
      ['suspended:14,warning:3', 'step "warning" comes before "suspended"'],
      ['warning:3,suspended:3', 'days must increase'],
      ['warning=3', 'is not step:days'],
      ['warning:3,dunned:9', 'unknown step "dunned"'],
    ] as const) {
      const started = startService('billing', { BILLING_DUNNING_LADDER: value });
      await expect(started).rejects.toThrow(/exited with 78/);
      await expect(started).rejects.toThrow(/BILLING_DUNNING_LADDER/);
      await expect(started).rejects.toThrow(says);
    }
  });
});
