// insertOrExistingSql on the real database: one statement inserts or returns the stored row, and never overwrites it.
import { insertOrExistingSql } from '@tenantry/persistence';
import { createTestSchema, TestSchema } from '@tenantry/testing';

jest.setTimeout(60_000);

const SQL = insertOrExistingSql('keys', ['tenant_id', 'secret'], ['tenant_id'], ['tenant_id', 'secret']);

describe('insertOrExistingSql', () => {
  let db: TestSchema;

  beforeAll(async () => {
    db = await createTestSchema('insert_or_existing', ['CREATE TABLE keys (tenant_id uuid PRIMARY KEY, secret text NOT NULL)']);
  });

  afterAll(() => db.drop());

  it('inserts a new row and returns it', async () => {
    const rows = (await db.dataSource.query(SQL, ['6f1c1a4e-0000-4000-8000-000000000001', 'first'])) as unknown[];
    expect(rows).toEqual([{ tenant_id: '6f1c1a4e-0000-4000-8000-000000000001', secret: 'first' }]);
  });

  it('returns the stored row when the key is taken, and keeps it', async () => {
    await db.dataSource.query(SQL, ['6f1c1a4e-0000-4000-8000-000000000002', 'first']);
    const rows = (await db.dataSource.query(SQL, ['6f1c1a4e-0000-4000-8000-000000000002', 'second'])) as unknown[];
    expect(rows).toEqual([{ tenant_id: '6f1c1a4e-0000-4000-8000-000000000002', secret: 'first' }]);
    expect(await db.dataSource.query(`SELECT secret FROM keys WHERE tenant_id = $1`, ['6f1c1a4e-0000-4000-8000-000000000002'])).toEqual([{ secret: 'first' }]);
  });

  it('of ten racing inserts of one key, every one that returns a row returns the same one', async () => {
    const id = '6f1c1a4e-0000-4000-8000-000000000003';
    const results = await Promise.all(Array.from({ length: 10 }, (_, n) => db.dataSource.query(SQL, [id, `racer-${n}`]) as Promise<{ secret: string }[]>));
    const [stored] = (await db.dataSource.query(`SELECT secret FROM keys WHERE tenant_id = $1`, [id])) as { secret: string }[];
    for (const rows of results) expect(rows.every((row) => row.secret === stored?.secret)).toBe(true);
    expect(results.some((rows) => rows.length === 1)).toBe(true);
  });

  it('refuses a key column that is not inserted', () => {
    expect(() => insertOrExistingSql('keys', ['secret'], ['tenant_id'], ['secret'])).toThrow('key column tenant_id is not among the inserted columns');
  });
});
