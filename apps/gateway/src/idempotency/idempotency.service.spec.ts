import { ManualClock } from '@tenantry/service/testing';
import { ProblemException } from '@tenantry/service';
import { createLogger } from '@tenantry/observability';
import { GatewayConfig } from '../gateway.config';
import { GATEWAY_PROBLEMS } from '../problems';
import { StoredResponse } from './idempotency-record.row';
import { IdempotencyService } from './idempotency.service';
import { InMemoryIdempotencyRepository } from './testing/in-memory-idempotency.repository';

const CREATED: StoredResponse = { status: 201, headers: { location: '/api/v1/platform/tenants/t1' }, body: '{"id":"t1"}' };
const SCOPE = { apiKeyId: 'k1', key: 'idem-1' };

describe(IdempotencyService.name, () => {
  let records: InMemoryIdempotencyRepository;
  let clock: ManualClock;
  let sut: IdempotencyService;

  beforeEach(() => {
    records = new InMemoryIdempotencyRepository();
    clock = new ManualClock(new Date('2026-11-28T00:00:00Z'));
    const config = Object.assign(new GatewayConfig(), { UPSTREAM_TIMEOUT_MS: 200 });
    sut = new IdempotencyService(records, clock, config, createLogger('test', 'silent'));
  });

  it('does the work once for concurrent identical requests and gives every caller the first answer', async () => {
    let calls = 0;
    const work = async () => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return CREATED;
    };
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => sut.run(SCOPE, 'hash', work)));
    expect(calls).toBe(1);
    expect(outcomes.map((o) => o.response)).toEqual(Array(20).fill(CREATED));
    expect(outcomes.filter((o) => !o.replayed)).toHaveLength(1);
  });

  it('refuses the same key with a different request', async () => {
    await sut.run(SCOPE, 'hash', async () => CREATED);
    await expect(sut.run(SCOPE, 'other', async () => CREATED)).rejects.toMatchObject({ code: 'idempotency-key-reused' });
  });

  it('does not keep server failures, so the client can retry under the same key', async () => {
    await expect(sut.run(SCOPE, 'hash', () => Promise.reject(GATEWAY_PROBLEMS['upstream-unavailable']()))).rejects.toBeInstanceOf(ProblemException);
    const outcome = await sut.run(SCOPE, 'hash', async () => CREATED);
    expect(outcome).toEqual({ response: CREATED, replayed: false });
  });

  it('forgets a key once it has expired', async () => {
    await sut.run(SCOPE, 'hash', async () => CREATED);
    clock.advance(25 * 3_600_000);
    const outcome = await sut.run(SCOPE, 'other', async () => ({ ...CREATED, body: '{"id":"t2"}' }));
    expect(outcome.replayed).toBe(false);
    expect(outcome.response.body).toBe('{"id":"t2"}');
  });

  it('answers idempotency-key-in-progress when the first request outlasts the wait', async () => {
    void sut.run(SCOPE, 'hash', () => new Promise<StoredResponse>(() => undefined));
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expect(sut.run(SCOPE, 'hash', async () => CREATED)).rejects.toMatchObject({ code: 'idempotency-key-in-progress' });
  });
});
