import { ManualClock } from '@tenantry/service/testing';
import { tenantScope } from '@tenantry/persistence';
import { aTenant, InMemoryTenantRepository } from '../../testing/in-memory-tenant.repository';
import { ApplyBillingOutcomeCommand, BillingOutcome } from './apply-billing-outcome.command';
import { ApplyBillingOutcomeUseCase, PAYMENT_REASON } from './apply-billing-outcome.use-case';

const NOW = new Date('2026-06-15T00:00:00.000Z');
const BY = { actor: 'billing', requestId: 'evt-1' };

describe(ApplyBillingOutcomeUseCase.name, () => {
  let repository: InMemoryTenantRepository;
  let sut: ApplyBillingOutcomeUseCase;

  beforeEach(() => {
    repository = new InMemoryTenantRepository();
    sut = new ApplyBillingOutcomeUseCase(repository, repository.statusChanges, new ManualClock(NOW));
  });

  async function apply(tenant: ReturnType<typeof aTenant>, outcome: BillingOutcome) {
    repository.seed(tenant);
    const result = await repository.transactions.run((tx) => sut.execute(new ApplyBillingOutcomeCommand(tenant.id, outcome, BY), tx));
    const after = await repository.findTenant(tenantScope(tenant.id));
    const history = (await repository.history(tenantScope(tenant.id))).map((h) => [h.from, h.to, h.reason, h.actor]);
    return { result, status: after?.status, reason: after?.statusReason, history, events: repository.events.map((e) => e.type) };
  }

  it('suspends an active tenant with reason payment on the suspended step', async () => {
    expect(await apply(aTenant({ status: 'active' }), { kind: 'dunning-step', step: 'suspended' })).toMatchObject({
      status: 'suspended', reason: PAYMENT_REASON, history: [['active', 'suspended', 'payment', 'billing']], events: ['TenantSuspended'],
    });
  });

  it('changes nothing on the warning step, or on a step the tenant has passed', async () => {
    expect(await apply(aTenant({ status: 'active' }), { kind: 'dunning-step', step: 'warning' })).toMatchObject({ result: { applied: false, reason: 'not-applicable' }, status: 'active', events: [] });
    expect(await apply(aTenant({ status: 'suspended', statusReason: PAYMENT_REASON }), { kind: 'dunning-step', step: 'suspended' })).toMatchObject({ result: { applied: false }, events: [] });
  });

  it('deactivates a suspended tenant on the inactive step, and suspends first one that was not', async () => {
    expect(await apply(aTenant({ status: 'suspended', statusReason: PAYMENT_REASON }), { kind: 'dunning-step', step: 'inactive' })).toMatchObject({
      status: 'inactive', history: [['suspended', 'inactive', 'payment', 'billing']], events: ['TenantDeactivated'],
    });
    repository = new InMemoryTenantRepository();
    sut = new ApplyBillingOutcomeUseCase(repository, repository.statusChanges, new ManualClock(NOW));
    expect(await apply(aTenant({ status: 'active' }), { kind: 'dunning-step', step: 'inactive' })).toMatchObject({
      status: 'inactive', history: [['active', 'suspended', 'payment', 'billing'], ['suspended', 'inactive', 'payment', 'billing']], events: ['TenantSuspended', 'TenantDeactivated'],
    });
  });

  it('reactivates a tenant suspended for payment when dunning clears, not one an operator suspended for another reason', async () => {
    expect(await apply(aTenant({ status: 'suspended', statusReason: PAYMENT_REASON }), { kind: 'dunning-cleared' })).toMatchObject({ status: 'active', reason: null, events: ['TenantReactivated'] });
    repository = new InMemoryTenantRepository();
    sut = new ApplyBillingOutcomeUseCase(repository, repository.statusChanges, new ManualClock(NOW));
    expect(await apply(aTenant({ status: 'suspended', statusReason: 'abuse' }), { kind: 'dunning-cleared' })).toMatchObject({ result: { applied: false }, status: 'suspended', reason: 'abuse', events: [] });
  });

  it('ends a trial: converted → active, expired → inactive', async () => {
    expect(await apply(aTenant({ status: 'trial' }), { kind: 'trial-ended', outcome: 'converted' })).toMatchObject({ status: 'active', events: ['TenantActivated'] });
    repository = new InMemoryTenantRepository();
    sut = new ApplyBillingOutcomeUseCase(repository, repository.statusChanges, new ManualClock(NOW));
    expect(await apply(aTenant({ status: 'trial' }), { kind: 'trial-ended', outcome: 'expired' })).toMatchObject({ status: 'inactive', reason: 'trial expired', events: ['TenantDeactivated'] });
  });

  it('reports an unknown tenant', async () => {
    const result = await repository.transactions.run((tx) => sut.execute(new ApplyBillingOutcomeCommand('00000000-0000-4000-8000-000000000001', { kind: 'dunning-cleared' }, BY), tx));
    expect(result).toEqual({ applied: false, reason: 'unknown-tenant' });
  });
});
