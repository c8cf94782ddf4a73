import { ProblemException } from '@tenantry/service';
import { mergeResults, remapErrorFields, splitForTenant } from './usage-batch';
import { UsageBatchBodyPipe } from './usage-batch-body.pipe';

const OWN = '6b0f7d1e-1111-4111-8111-111111111111';
const OTHER = '7c1f8e2f-2222-4222-8222-222222222222';

describe(splitForTenant.name, () => {
  const sut = splitForTenant;

  it("refuses another tenant's events as unknown-tenant and keeps the client's indexes through the merge", () => {
    const split = sut(
      [
        { tenantId: OTHER, eventId: 'a' },
        { tenantId: OWN.toUpperCase(), eventId: 'b' },
        { tenantId: OTHER, eventId: 'c' },
        { tenantId: 42, eventId: 'd' },
      ],
      OWN,
    );
    expect(split.forwarded.map((event) => event['eventId'])).toEqual(['b', 'd']);
    expect(split.refused).toEqual([
      { index: 0, eventId: 'a', status: 'rejected', reason: 'unknown-tenant' },
      { index: 2, eventId: 'c', status: 'rejected', reason: 'unknown-tenant' },
    ]);
    const merged = mergeResults(split, [
      { index: 0, eventId: 'b', status: 'accepted' },
      { index: 1, eventId: 'd', status: 'rejected', reason: 'unknown-tenant' },
    ]);
    expect(merged.map((result) => [result.index, result.eventId, result.status])).toEqual([
      [0, 'a', 'rejected'],
      [1, 'b', 'accepted'],
      [2, 'c', 'rejected'],
      [3, 'd', 'rejected'],
    ]);
  });

  it('renames validation errors of the forwarded events to the positions the client sent them at', () => {
    const split = sut([{ tenantId: OTHER }, { tenantId: OWN, quantity: true }], OWN);
    expect(remapErrorFields([{ field: 'events.0.quantity', message: 'bad' }, { field: 'events', message: 'x' }], split)).toEqual([
      { field: 'events.1.quantity', message: 'bad' },
      { field: 'events', message: 'x' },
    ]);
  });
});

describe(UsageBatchBodyPipe.name, () => {
  const sut = new UsageBatchBodyPipe();
  const fieldsOf = (body: unknown): string[] => {
    try {
      sut.transform(body);
    } catch (error) {
      if (error instanceof ProblemException) return (error.extensions['errors'] as { field: string }[]).map((e) => e.field);
      throw error;
    }
    throw new Error('expected a problem');
  };

  it('returns a good body as it came', () => {
    const body = { events: [{ tenantId: OWN, eventId: 'a' }] };
    expect(sut.transform(body)).toBe(body);
  });

  it('names what is wrong with the shape', () => {
    expect(fieldsOf([])).toEqual(['body']);
    expect(fieldsOf({ events: 'nope', extra: 1 })).toEqual(['extra', 'events']);
    expect(fieldsOf({ events: [] })).toEqual(['events']);
    expect(fieldsOf({ events: Array.from({ length: 1_001 }, () => ({})) })).toEqual(['events']);
    expect(fieldsOf({ events: [{}, 'x', null] })).toEqual(['events.1', 'events.2']);
  });
});
