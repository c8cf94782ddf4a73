// The registry acting on billing's decisions (topic tenantry.billing.v1) against the real service
// process, Kafka and Postgres: dunning suspends (reason payment) and deactivates, a cleared episode
// reactivates only a tenant suspended for payment, trials end as billing says, and a redelivered
// event changes nothing more.
import { randomUUID } from 'node:crypto';
import { TOPICS } from '@tenantry/contracts';
import { eventMessage, produce, testKafka, waitFor } from '@tenantry/testing';
import { registryUnderTest, TenantViewBody } from './tenant-registry-client';

jest.setTimeout(120_000);

describe('tenant-registry on billing events', () => {
  const kafka = testKafka();
  const registry = registryUnderTest();
  const now = () => new Date().toISOString();

  async function provisioned(plan: string): Promise<TenantViewBody> {
    const tenant = await registry.api().createTenant(plan);
    await produce(kafka, TOPICS.TENANT_PROVISIONING.name, [
      eventMessage('TenantProvisioned', { tenantId: tenant.id, schemaName: `tenant_${tenant.id.slice(0, 8)}`, storageRoot: `/data/${tenant.id}`, hostname: 'x.tenantry.local', at: now() }),
    ]);
    return statusBecomes(tenant.id, plan === 'starter' ? 'trial' : 'active');
  }

  async function statusBecomes(tenantId: string, status: string): Promise<TenantViewBody> {
    return waitFor(
      async () => {
        const { body } = await registry.api().get(tenantId);
        return body.status === status ? body : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200, what: `tenant ${tenantId} to become ${status}` },
    );
  }

  const history = async (tenantId: string) =>
    (await registry.api().call<{ items: { from: string; to: string; reason: string | null; actor: string }[] }>('GET', `/internal/v1/tenants/${tenantId}/history`)).body.items.map((h) => [h.from, h.to, h.reason, h.actor]);

  const escalated = (tenantId: string, step: string, episodeId: string) =>
    eventMessage('DunningEscalated', { tenantId, episodeId, step: step as 'warning', daysOverdue: 14, invoiceId: randomUUID(), invoiceIds: [], overdueSince: now(), at: now() });
  const cleared = (tenantId: string, episodeId: string) => eventMessage('DunningCleared', { tenantId, episodeId, stepsTaken: ['warning', 'suspended'], at: now() });

  it('suspends with reason payment, ignores a warning, and reactivates when the episode clears', async () => {
    const tenant = await provisioned('growth');
    const episode = randomUUID();
    await produce(kafka, TOPICS.BILLING.name, [escalated(tenant.id, 'warning', episode), escalated(tenant.id, 'suspended', episode)]);
    expect(await statusBecomes(tenant.id, 'suspended')).toMatchObject({ statusReason: 'payment' });

    const clearing = cleared(tenant.id, episode);
    await produce(kafka, TOPICS.BILLING.name, [clearing, clearing]);
    expect(await statusBecomes(tenant.id, 'active')).toMatchObject({ statusReason: null });
    expect((await history(tenant.id)).slice(-2)).toEqual([
      ['active', 'suspended', 'payment', 'billing'],
      ['suspended', 'active', null, 'billing'],
    ]);
  });

  it('does not reactivate a tenant an operator suspended for another reason', async () => {
    const tenant = await provisioned('growth');
    expect((await registry.api().call('POST', `/internal/v1/tenants/${tenant.id}/suspend`, { reason: 'abuse' })).status).toBe(200);
    const marker = await provisioned('growth');
    await produce(kafka, TOPICS.BILLING.name, [cleared(tenant.id, randomUUID()), escalated(marker.id, 'suspended', randomUUID())]);
    // Two tenants' events are not ordered against each other: wait for the marker's, then a moment more.
    await statusBecomes(marker.id, 'suspended');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await registry.api().get(tenant.id)).body).toMatchObject({ status: 'suspended', statusReason: 'abuse' });
  });

  it('deactivates on the inactive step (suspending first a tenant that was not)', async () => {
    const tenant = await provisioned('growth');
    await produce(kafka, TOPICS.BILLING.name, [escalated(tenant.id, 'inactive', randomUUID())]);
    expect(await statusBecomes(tenant.id, 'inactive')).toMatchObject({ statusReason: 'payment' });
    expect((await history(tenant.id)).slice(-2)).toEqual([
      ['active', 'suspended', 'payment', 'billing'],
      ['suspended', 'inactive', 'payment', 'billing'],
    ]);
  });

  it('ends trials as billing says: converted → active, expired → inactive', async () => {
    const [converting, expiring] = [await provisioned('starter'), await provisioned('starter')];
    const ended = (tenantId: string, outcome: 'converted' | 'expired') =>
      eventMessage('TrialEnded', { tenantId, subscriptionId: randomUUID(), planId: 'starter', outcome, trialEndedAt: now(), at: now() });
    await produce(kafka, TOPICS.BILLING.name, [ended(converting.id, 'converted'), ended(expiring.id, 'expired')]);
    await statusBecomes(converting.id, 'active');
    expect(await statusBecomes(expiring.id, 'inactive')).toMatchObject({ statusReason: 'trial expired' });
  });
});
