// The gateway's API usage samples become api_calls and bandwidth_bytes usage, exactly once, against the real metering process, Kafka and Postgres.
import { randomUUID } from 'node:crypto';
import { ApiUsageSampledPayload, TOPICS } from '@tenantry/contracts';
import { caughtUp, eventMessage, produce, resetGroupToEarliest, RunningService, testKafka, waitFor } from '@tenantry/testing';
import { currentValue, MeteringClient, startMetering, UsageBody } from './metering-client';
import { activeTenant as activeTenantIn } from './alerts-harness';

jest.setTimeout(240_000);

const API_USAGE_GROUP = 'metering.api-usage';
const AGGREGATES_GROUP = 'metering.aggregates';

describe('metering API usage from the gateway', () => {
  const kafka = testKafka();
  let service: RunningService;
  let api: MeteringClient;

  async function start(): Promise<void> {
    ({ service, api } = await startMetering());
  }

  beforeAll(start);

  afterAll(async () => {
    await service?.process.kill('SIGTERM');
  });

  const activeTenant = (): Promise<string> => activeTenantIn(kafka, api);


  function sample(tenantId: string, apiCalls: number, requestBytes: number, responseBytes: number): ApiUsageSampledPayload {
    const windowEnd = new Date();
    return { tenantId, windowStart: new Date(windowEnd.getTime() - 5_000).toISOString(), windowEnd: windowEnd.toISOString(), apiCalls, requestBytes, responseBytes };
  }

  async function usageOf(tenantId: string): Promise<UsageBody> {
    const answer = await api.usage(tenantId);
    expect(answer.status).toBe(200);
    return answer.body;
  }

  async function bothGroupsCaughtUp(): Promise<void> {
    await waitFor(() => caughtUp(kafka, API_USAGE_GROUP, TOPICS.GATEWAY_API_USAGE.name), { timeoutMs: 120_000, intervalMs: 500, what: 'the api-usage group to catch up' });
    await waitFor(() => caughtUp(kafka, AGGREGATES_GROUP, TOPICS.METERING_USAGE.name), { timeoutMs: 120_000, intervalMs: 500, what: 'the aggregates group to catch up' });
  }

  it('adds exactly the sampled calls and bytes, and nothing more when the same sample comes again', async () => {
    const tenantId = await activeTenant();
    const first = eventMessage('ApiUsageSampled', sample(tenantId, 7, 1_200, 34_000));
    const second = eventMessage('ApiUsageSampled', sample(tenantId, 3, 0, 800));
    await produce(kafka, TOPICS.GATEWAY_API_USAGE.name, [first, second]);

    const settled = await waitFor(
      async () => {
        const body = await usageOf(tenantId);
        return currentValue(body, 'api_calls') === '10' && currentValue(body, 'bandwidth_bytes') === '36000' ? body : undefined;
      },
      { timeoutMs: 60_000, what: 'the samples to be counted' },
    );

    // The same CloudEvent again (a redelivery, or the gateway's relay sending twice).
    await produce(kafka, TOPICS.GATEWAY_API_USAGE.name, [first]);
    await bothGroupsCaughtUp();
    expect(await usageOf(tenantId)).toEqual(settled);

    // And the whole topic again from the start, after an offset reset.
    await service.process.kill('SIGTERM');
    await resetGroupToEarliest(API_USAGE_GROUP, TOPICS.GATEWAY_API_USAGE.name);
    await start();
    await bothGroupsCaughtUp();
    expect(await usageOf(tenantId)).toEqual(settled);
  });

  it('records nothing for a tenant metering does not know, or knows as deleted', async () => {
    const deleted = await activeTenant();
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantDeleted', { tenantId: deleted, from: 'offboarding', to: 'deleted', actor: 'int-test', at: new Date().toISOString() })]);
    await waitFor(async () => (await api.one(deleted, { eventId: 'probe', metric: 'api_calls', quantity: 'not-a-number', timestamp: new Date().toISOString() })).body.results[0]?.reason === 'tenant-deleted', {
      timeoutMs: 60_000,
      what: 'metering to know the tenant is deleted',
    });
    const stranger = randomUUID();
    const known = await activeTenant();

    await produce(kafka, TOPICS.GATEWAY_API_USAGE.name, [
      eventMessage('ApiUsageSampled', sample(stranger, 5, 10, 10)),
      eventMessage('ApiUsageSampled', sample(deleted, 5, 10, 10)),
      eventMessage('ApiUsageSampled', sample(known, 0, 0, 0)),
      eventMessage('ApiUsageSampled', sample(known, 1, 0, 0)),
    ]);
    await bothGroupsCaughtUp();

    expect(currentValue(await usageOf(known), 'api_calls')).toBe('1');
    expect(currentValue(await usageOf(known), 'bandwidth_bytes')).toBe('0');
    expect(currentValue(await usageOf(deleted), 'api_calls')).toBe('0');
    expect((await api.usage(stranger)).status).toBe(404);
  });
});
