import { CallHandler, ExecutionContext } from '@nestjs/common';
import { lastValueFrom, of } from 'rxjs';
import { ProblemException } from '@tenantry/service';
import { ManualClock } from '@tenantry/service/testing';
import { Principal } from '../auth';
import { ApiCallBlock } from './api-call-block.row';
import { ApiCallQuotaInterceptor } from './api-call-quota.interceptor';
import { InMemoryApiCallQuotaRepository } from './testing/in-memory-api-call-quota.repository';

const TENANT = '6b0f7d1e-1111-4111-8111-111111111111';
const BLOCK: ApiCallBlock = { tenantId: TENANT, limit: '1000', periodStart: new Date('2026-03-01T00:00:00Z'), resetAt: new Date('2026-04-01T00:00:00Z') };

function httpContext(principal: Principal | undefined, headers: Record<string, string>): ExecutionContext {
  const request = { gateway: principal ? { principal } : {} };
  const reply = { header: (name: string, value: string) => (headers[name] = value) };
  return { getType: () => 'http', switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }) } as unknown as ExecutionContext;
}

const HANDLED: CallHandler = { handle: () => of('handled') };

describe(ApiCallQuotaInterceptor.name, () => {
  let quota: InMemoryApiCallQuotaRepository;
  let clock: ManualClock;
  let sut: ApiCallQuotaInterceptor;

  beforeEach(() => {
    quota = new InMemoryApiCallQuotaRepository([BLOCK]);
    clock = new ManualClock(new Date('2026-03-31T23:00:00Z'));
    sut = new ApiCallQuotaInterceptor(quota, clock);
  });

  it("refuses the blocked tenant's admin key with 429, the limit, the reset and Retry-After", async () => {
    const headers: Record<string, string> = {};

    const refused = await sut.intercept(httpContext({ keyId: 'k', role: 'tenant-admin', tenantId: TENANT }, headers), HANDLED).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(ProblemException);
    expect(refused).toMatchObject({ code: 'api-call-limit-exceeded', extensions: { limit: 1000, resetAt: '2026-04-01T00:00:00.000Z' } });
    expect((refused as ProblemException).getStatus()).toBe(429);
    expect(headers).toEqual({ 'Retry-After': '3600' });
  });

  it('lets the same key through once the month has reset', async () => {
    clock.set(new Date('2026-04-01T00:00:00Z'));

    expect(await lastValueFrom(await sut.intercept(httpContext({ keyId: 'k', role: 'tenant-admin', tenantId: TENANT }, {}), HANDLED))).toBe('handled');
  });

  it('never throttles platform keys, nor looks them up', async () => {
    for (const role of ['platform-admin', 'support', 'billing', 'read-only'] as const) {
      expect(await lastValueFrom(await sut.intercept(httpContext({ keyId: 'k', role, tenantId: null }, {}), HANDLED))).toBe('handled');
    }
    expect(await lastValueFrom(await sut.intercept(httpContext(undefined, {}), HANDLED))).toBe('handled');
    expect(quota.lookups).toBe(0);
  });
});
