import { toUsageRecorded } from './api-usage-conversion';

const TENANT = '6b0f7d1e-1111-4111-8111-111111111111';
const SAMPLE_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe(toUsageRecorded.name, () => {
  const sut = toUsageRecorded;
  const payload = { tenantId: TENANT.toUpperCase(), windowStart: '2026-11-28T10:00:00Z', windowEnd: '2026-11-28T10:00:05Z', apiCalls: 12, requestBytes: 300, responseBytes: 4_000 };

  it('records calls and request plus response bytes at the window start, with ids derived from the sample', () => {
    expect(sut({ id: SAMPLE_ID, payload })).toEqual([
      { tenantId: TENANT, eventId: `gateway:${SAMPLE_ID}:api_calls`, metric: 'api_calls', quantity: '12', timestamp: '2026-11-28T10:00:00.000Z', source: 'gateway' },
      { tenantId: TENANT, eventId: `gateway:${SAMPLE_ID}:bandwidth_bytes`, metric: 'bandwidth_bytes', quantity: '4300', timestamp: '2026-11-28T10:00:00.000Z', source: 'gateway' },
    ]);
  });

  it('leaves out zero quantities and adds large byte counts exactly', () => {
    expect(sut({ id: SAMPLE_ID, payload: { ...payload, apiCalls: 0, requestBytes: 0, responseBytes: 0 } })).toEqual([]);
    const big = sut({ id: SAMPLE_ID, payload: { ...payload, apiCalls: 0, requestBytes: Number.MAX_SAFE_INTEGER, responseBytes: Number.MAX_SAFE_INTEGER } });
    expect(big.map((event) => [event.metric, event.quantity])).toEqual([['bandwidth_bytes', '18014398509481982']]);
  });
});
