import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { checkUsageRecorded, UsageRecordedPayload } from './usage.event';

const valid = { tenantId: '0b6f3c52-8a7e-4a4f-9d55-3f1d2a7c9e10', eventId: 'evt-1', metric: 'api_calls', quantity: '12.5', timestamp: '2026-11-28T10:00:00.000Z', source: 'api' };

const cases: Record<string, unknown>[] = [
  valid,
  { ...valid, properties: { userId: 'u1', plan: 'pro', n: 3, ok: true } },
  { ...valid, properties: null },
  { ...valid, timestamp: '2026-11-28' },
  { ...valid, timestamp: '2026-11-28T10:00:00+02:00' },
  { ...valid, tenantId: 'not-a-uuid' },
  { ...valid, tenantId: 42 },
  { ...valid, eventId: '' },
  { ...valid, eventId: 'x'.repeat(201) },
  { ...valid, eventId: 'x'.repeat(200) },
  { ...valid, metric: 'Bad-Metric' },
  { ...valid, metric: undefined },
  { ...valid, quantity: '-1' },
  { ...valid, quantity: 1 },
  { ...valid, quantity: '1.1234567890123' },
  { ...valid, timestamp: 'yesterday' },
  { ...valid, source: 'someone' },
  { ...valid, properties: 'text' },
  { ...valid, properties: ['a'] },
  { ...valid, aggregation: 'unique', member: 'seat-7', properties: { seatId: 'seat-7' } },
  { ...valid, member: '' },
  { ...valid, member: 7 },
  { ...valid, member: null },
];

describe('checkUsageRecorded', () => {
  it.each(cases.map((c, i) => [i, c]))('agrees with the class decorators on case %i', (_, value) => {
    const byClass = validateSync(plainToInstance(UsageRecordedPayload, value), { forbidUnknownValues: true }).map((error) => error.property).sort();
    const byHand = checkUsageRecorded(value as Record<string, unknown>).map((problem) => problem.split(':')[0]).sort();
    expect(byHand).toEqual(byClass);
  });

  it('accepts a well-formed event and names every bad field', () => {
    expect(checkUsageRecorded(valid)).toEqual([]);
    expect(checkUsageRecorded({ ...valid, tenantId: 'x', quantity: 'y' }).map((p) => p.split(':')[0])).toEqual(['tenantId', 'quantity']);
  });
});
