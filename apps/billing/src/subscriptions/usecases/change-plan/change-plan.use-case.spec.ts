import { RecordingOutbox } from '@tenantry/messaging/testing';
import { FakeTransactions } from '@tenantry/persistence/testing';
import { PlanVersion } from '../../../catalogue/plan.row';
import { InMemoryPlanRepository } from '../../../catalogue/testing/in-memory-plan.repository';
import { InMemorySubscriptionRepository } from '../../testing/in-memory-subscription.repository';
import { StartSubscriptionCommand } from '../start-subscription/start-subscription.command';
import { StartSubscriptionUseCase } from '../start-subscription/start-subscription.use-case';
import { ChangePlanCommand } from './change-plan.command';
import { ChangePlanUseCase } from './change-plan.use-case';

const TENANT = '6f1c2a9e-4b7d-4c1e-9a53-2f0d8e7b1c44';
const TX = FakeTransactions.TX;
const AT = new Date('2026-01-01T00:00:00.000Z');
const plan = (planId: string, basePrice: string): PlanVersion => ({ planId, version: 1, name: planId, basePrice, trialDays: null, charges: [], createdAt: AT });

describe(ChangePlanUseCase.name, () => {
  let subscriptions: InMemorySubscriptionRepository;
  let outbox: RecordingOutbox;
  let sut: ChangePlanUseCase;

  beforeEach(async () => {
    // Names that suggest the opposite of the prices: only the price of a period decides.
    const plans = new InMemoryPlanRepository([plan('premium', '20'), plan('basic', '50'), plan('basic-plus', '50')]);
    subscriptions = new InMemorySubscriptionRepository();
    outbox = new RecordingOutbox();
    sut = new ChangePlanUseCase(subscriptions, plans, outbox);
    await new StartSubscriptionUseCase(subscriptions, plans, outbox).execute(new StartSubscriptionCommand(TENANT, 'T', 'premium', false, undefined, 'eur', new Date('2026-04-03T00:00:00.000Z')), TX);
    outbox.events.length = 0;
  });

  it('upgrades at once to a dearer plan, whatever its name', async () => {
    const at = new Date('2026-04-21T15:00:00.000Z');
    expect(await sut.execute(new ChangePlanCommand(TENANT, 'basic', at), TX)).toMatchObject({ outcome: 'upgraded', subscription: { planId: 'basic', pendingPlanId: null } });
    expect(subscriptions.history.map((c) => [c.kind, c.toPlanId, c.at.toISOString()])).toEqual([
      ['created', 'premium', '2026-04-03T00:00:00.000Z'],
      ['upgrade', 'basic', '2026-04-21T15:00:00.000Z'],
    ]);
    expect(outbox.events).toEqual([{ type: 'SubscriptionChanged', payload: expect.objectContaining({ planId: 'basic', change: 'upgraded', effectiveAt: at.toISOString() }) }]);
  });

  it('schedules a cheaper or equal plan for the next period, and a change back cancels it', async () => {
    await sut.execute(new ChangePlanCommand(TENANT, 'basic', new Date('2026-04-05T00:00:00.000Z')), TX);
    expect(await sut.execute(new ChangePlanCommand(TENANT, 'basic-plus', new Date('2026-04-10T00:00:00.000Z')), TX)).toMatchObject({ outcome: 'downgrade_scheduled', subscription: { planId: 'basic', pendingPlanId: 'basic-plus' } });
    expect(await sut.execute(new ChangePlanCommand(TENANT, 'premium', new Date('2026-04-11T00:00:00.000Z')), TX)).toMatchObject({ outcome: 'downgrade_scheduled', subscription: { planId: 'basic', pendingPlanId: 'premium' } });
    expect(subscriptions.history.filter((c) => c.kind === 'downgrade').map((c) => [c.toPlanId, c.at.toISOString()])).toEqual([['premium', '2026-05-01T00:00:00.000Z']]);

    expect(await sut.execute(new ChangePlanCommand(TENANT, 'basic', new Date('2026-04-12T00:00:00.000Z')), TX)).toMatchObject({ outcome: 'downgrade_canceled', subscription: { planId: 'basic', pendingPlanId: null } });
    expect(subscriptions.history.filter((c) => c.kind === 'downgrade')).toEqual([]);
    expect(await sut.execute(new ChangePlanCommand(TENANT, 'basic', new Date('2026-04-13T00:00:00.000Z')), TX)).toEqual({ outcome: 'unchanged' });
  });

  it('refuses an unknown plan or tenant', async () => {
    await expect(sut.execute(new ChangePlanCommand(TENANT, 'nope', AT), TX)).rejects.toMatchObject({ code: 'plan-not-found' });
    await expect(sut.execute(new ChangePlanCommand('0b6f3c52-8a7e-4a4f-9d55-3f1d2a7c9e10', 'basic', AT), TX)).rejects.toMatchObject({ code: 'tenant-not-found' });
  });
});
