import { ManualClock } from '@tenantry/service/testing';
import { testLogger } from '@tenantry/testing';
import { GatewayConfig } from '../gateway.config';
import { ApiUsageCounters } from './api-usage-counters';
import { ApiUsageSampler } from './api-usage.sampler';
import { PublishApiUsageCommand } from './usecases/publish-api-usage/publish-api-usage.command';
import { PublishApiUsageUseCase } from './usecases/publish-api-usage/publish-api-usage.use-case';

const TENANT = '6b0f7d1e-1111-4111-8111-111111111111';

/** Stands in for the outbox: fails while `down`, otherwise keeps what was published. */
class FakePublish {
  down = false;
  readonly published: PublishApiUsageCommand[] = [];

  async execute(command: PublishApiUsageCommand): Promise<{ published: number }> {
    if (this.down) throw new Error('database unavailable');
    this.published.push(command);
    return { published: command.sample.counts.length };
  }
}

describe(ApiUsageSampler.name, () => {
  const start = new Date('2026-11-28T10:00:00Z');

  function setUp() {
    const clock = new ManualClock(start);
    const counters = new ApiUsageCounters(clock.now());
    const publish = new FakePublish();
    const sut = new ApiUsageSampler(counters, publish as unknown as PublishApiUsageUseCase, clock, new GatewayConfig(), testLogger());
    return { clock, counters, publish, sut };
  }

  it('publishes nothing when there was no traffic', async () => {
    const { publish, sut } = setUp();
    await sut.flush();
    expect(publish.published).toEqual([]);
  });

  it('keeps the counts of a failed sample and sends them with the next one', async () => {
    const { clock, counters, publish, sut } = setUp();
    counters.count(TENANT, 100, 1_000);
    publish.down = true;
    clock.advance(5_000);
    await expect(sut.flush()).rejects.toThrow('database unavailable');

    counters.count(TENANT, 10, 10);
    publish.down = false;
    clock.advance(5_000);
    await sut.flush();

    expect(publish.published.map((command) => command.sample)).toEqual([
      { windowEnd: new Date('2026-11-28T10:00:10Z'), counts: [{ tenantId: TENANT, windowStart: start, apiCalls: 2, requestBytes: 110, responseBytes: 1_010 }] },
    ]);
  });

  it('writes what was counted since the last sample when the gateway shuts down', async () => {
    const { clock, counters, publish, sut } = setUp();
    counters.count(TENANT, 0, 42);
    clock.advance(1_000);
    await sut.onModuleDestroy();
    expect(publish.published.map((command) => command.sample.counts)).toEqual([[{ tenantId: TENANT, windowStart: start, apiCalls: 1, requestBytes: 0, responseBytes: 42 }]]);
  });
});
