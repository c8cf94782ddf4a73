/** Throw-away schemas in the real database, each with the messaging tables, for integration tests. */
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createMessagingTables } from '@tenantry/messaging';
import { createDataSource, ensureDatabase, quoteIdent } from '@tenantry/persistence';
import { databaseUrl } from './infrastructure';

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

export interface TestSchema {
  schema: string;
  dataSource: DataSource;
  drop(): Promise<void>;
}

/** Creates a schema with outbox and inbox tables plus whatever `ddl` adds, and a data source bound to it. */
export async function createTestSchema(prefix: string, ddl: string[] = [], poolSize = 10): Promise<TestSchema> {
  const url = databaseUrl();
  await ensureDatabase(url);
  const schema = uniqueName(prefix);
  const dataSource = createDataSource({ url, schema, applicationName: `test:${schema}`, poolSize });
  await dataSource.initialize();
  await dataSource.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
  const runner = dataSource.createQueryRunner();
  try {
    await createMessagingTables(runner);
    for (const statement of ddl) await runner.query(statement);
  } finally {
    await runner.release();
  }
  return {
    schema,
    dataSource,
    async drop() {
      if (!dataSource.isInitialized) return;
      await dataSource.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
      await dataSource.destroy();
    },
  };
}
