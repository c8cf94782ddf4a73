import { ProblemException } from '@tenantry/service';
import { decodeSummaryCursor, encodeSummaryCursor } from './summary-cursor';

const LISTING = { metric: 'api_calls', period: 'month', windowStart: new Date('2026-03-01T00:00:00.000Z') };
const KEYSET = { value: '1234.5', tenantId: '6f1c2a9e-4b7d-4c1e-9a53-2f0d8e7b1c44' };

describe(decodeSummaryCursor.name, () => {
  it('reads back the position a cursor of the same listing holds', () => {
    expect(decodeSummaryCursor(encodeSummaryCursor(LISTING, KEYSET), LISTING)).toEqual(KEYSET);
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['another metric', encodeSummaryCursor({ ...LISTING, metric: 'bandwidth_bytes' }, KEYSET)],
    ['another window', encodeSummaryCursor({ ...LISTING, windowStart: new Date('2026-02-01T00:00:00.000Z') }, KEYSET)],
    ['a value that is no decimal', encodeSummaryCursor(LISTING, { ...KEYSET, value: '1e9' })],
    ['a tenant that is no UUID', encodeSummaryCursor(LISTING, { ...KEYSET, tenantId: 'x' })],
  ])('answers 400 naming cursor for %s', (_case, cursor) => {
    const error = captured(() => decodeSummaryCursor(cursor, LISTING));
    expect(error).toBeInstanceOf(ProblemException);
    expect(error).toMatchObject({ code: 'validation-failed', extensions: { errors: [{ field: 'cursor' }] } });
    expect((error as ProblemException).getStatus()).toBe(400);
  });
});

function captured(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
