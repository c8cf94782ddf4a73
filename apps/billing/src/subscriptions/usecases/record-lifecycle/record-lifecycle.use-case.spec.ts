import { RecordingOutbox } from '@tenantry/messaging/testing';
import { FakeTransactions } from '@tenantry/persistence/testing';
import { PlanVersion } from '../../../catalogue/plan.row';
import { InMemoryPlanRepository } from '../../../catalogue/testing/in-memory-plan.repository';
import { InMemorySubscriptionRepository } from '../../testing/in-memory-subscription.repository';
import { ChangePlanCommand } from '../change-plan/change-plan.command';
import { ChangePlanUseCase } from '../change-plan/change-plan.use-case';
import { StartSubscriptionCommand } from '../start-subscription/start-subscription.command';
import { StartSubscriptionUseCase } from '../start-subscription/start-subscription.use-case';
import { RecordLifecycleCommand } from './record-lifecycle.command';
import { RecordLifecycleUseCase } from './record-lifecycle.use-case';

const TENANT = '6f1c2a9e-4b7d-4c1e-9a53-2f0d8e7b1c44';
const TX = FakeTransactions.TX;
const AT = new Date('2026-01-01T00:00:00.000Z');
const plan = (planId: string, basePrice: string): PlanVersion => ({ planId, version: 1, name: planId, basePrice, trialDays: null, charges: [], createdAt: AT });

describe(RecordLifecycleUseCase.name, () => {
  let subscriptions: InMemorySubscriptionRepository;
  let plans: InMemoryPlanRepository;
  let sut: RecordLifecycleUseCase;
  const history = () => subscriptions.history.map((c) => [c.kind, c.toPlanId, c.at.toISOString()]);

  beforeEach(async () => {
    plans = new InMemoryPlanRepository([plan('starter', '29'), plan('growth', '99')]);
    subscriptions = new InMemorySubscriptionRepository();
    sut = new RecordLifecycleUseCase(subscriptions);
    await new StartSubscriptionUseCase(subscriptions, plans, new RecordingOutbox()).execute(new StartSubscriptionCommand(TENANT, 'T', 'growth', false, undefined, 'usd', new Date('2026-04-03T00:00:00.000Z')), TX);
  });

  it('records a cancel once, and a reactivation only of a canceled subscription', async () => {
    expect(await sut.execute(new RecordLifecycleCommand(TENANT, 'reactivated', new Date('2026-04-10T00:00:00.000Z')), TX)).toBe(false); // back from a suspension
    expect(await sut.execute(new RecordLifecycleCommand(TENANT, 'canceled', new Date('2026-05-05T00:00:00.000Z')), TX)).toBe(true);
    expect(await sut.execute(new RecordLifecycleCommand(TENANT, 'canceled', new Date('2026-05-09T00:00:00.000Z')), TX)).toBe(false); // deleted after deactivation
    expect(await sut.execute(new RecordLifecycleCommand(TENANT, 'reactivated', new Date('2026-06-01T00:00:00.000Z')), TX)).toBe(true);
    expect(history()).toEqual([
      ['created', 'growth', '2026-04-03T00:00:00.000Z'],
      ['canceled', 'growth', '2026-05-05T00:00:00.000Z'],
      ['reactivated', 'growth', '2026-06-01T00:00:00.000Z'],
    ]);
  });

  it('keeps the plan in effect from history, a scheduled downgrade included', async () => {
    await new ChangePlanUseCase(subscriptions, plans, new RecordingOutbox()).execute(new ChangePlanCommand(TENANT, 'starter', new Date('2026-04-20T00:00:00.000Z')), TX);
    await sut.execute(new RecordLifecycleCommand(TENANT, 'canceled', new Date('2026-05-05T00:00:00.000Z')), TX);
    expect(history().at(-1)).toEqual(['canceled', 'starter', '2026-05-05T00:00:00.000Z']);
  });

  it('ignores a tenant billing does not know', async () => {
    expect(await sut.execute(new RecordLifecycleCommand('0f1c2a9e-4b7d-4c1e-9a53-2f0d8e7b1c44', 'canceled', AT), TX)).toBe(false);
  });
});
