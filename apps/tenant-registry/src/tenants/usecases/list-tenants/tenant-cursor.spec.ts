/** Tenant list cursors: only what the registry hands out decodes; anything else is a 400 naming `cursor`, never a database error. */
import { ProblemException } from '@tenantry/service';
import { decodeCursor, encodeCursor, isTimestampKey } from './tenant-cursor';

const ID = '3f1c2b9e-8a4d-4c1e-9b2f-0d6e5a7c8b9a';
const raw = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

function refusal(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ProblemException) return (error.extensions['errors'] as { field: string }[]).map((e) => e.field);
    throw error;
  }
  return [];
}

describe('tenant list cursors', () => {
  it('decode what they encode', () => {
    const key = '2026-11-30T14:15:08.123456Z';
    expect(decodeCursor(encodeCursor('createdAt', { key, id: ID }), 'createdAt')).toEqual({ key, id: ID });
    expect(decodeCursor(encodeCursor('-name', { key: 'acme\u00e9', id: ID }), '-name')).toEqual({ key: 'acme\u00e9', id: ID });
  });

  it.each(['0', '12', '+275760-09-13T00:00:00.000Z', '+275760-09-13T00:00:00.000000Z', '2026-02-30T00:00:00.000000Z', '2026-01-01T24:00:00.000000Z', '0000-01-01T00:00:00.000000Z', '2026-01-01', '2026-01-01T00:00:00Z', ' 2026-01-01T00:00:00.000000Z'])(
    'refuse a createdAt key of %j',
    (key) => {
      expect(isTimestampKey(key)).toBe(false);
      expect(refusal(() => decodeCursor(raw({ s: 'createdAt', k: key, i: ID }), 'createdAt'))).toEqual(['cursor']);
    },
  );

  it('take the first and last instants PostgreSQL and the registry write', () => {
    expect(['0001-01-01T00:00:00.000000Z', '9999-12-31T23:59:59.999999Z', '2024-02-29T12:00:00.000001Z'].every(isTimestampKey)).toBe(true);
  });

  it('refuse a name key holding NUL or a lone surrogate, a cursor of another sort and garbage', () => {
    expect(refusal(() => decodeCursor(raw({ s: 'name', k: 'a\u0000', i: ID }), 'name'))).toEqual(['cursor']);
    expect(refusal(() => decodeCursor(raw({ s: 'name', k: '\ud800', i: ID }), 'name'))).toEqual(['cursor']);
    expect(refusal(() => decodeCursor(raw({ s: 'name', k: 'a', i: ID }), '-name'))).toEqual(['cursor']);
    expect(refusal(() => decodeCursor('%%%', 'name'))).toEqual(['cursor']);
  });
});
