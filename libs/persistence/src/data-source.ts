/** TypeORM data sources for a service: one database, one schema per service, migrations never synchronize. */
import { DataSource, DataSourceOptions } from 'typeorm';

export interface DatabaseOptions {
  url: string;
  /** The service's own Postgres schema; its tables and its migrations table live there. */
  schema: string;
  applicationName: string;
  migrations?: DataSourceOptions['migrations'];
  poolSize?: number;
}

export function createDataSource(options: DatabaseOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: [],
    migrations: options.migrations ?? [],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    applicationName: options.applicationName,
    extra: {
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
      // The schema is first on the search path so raw SQL in migrations can omit it.
      options: `-c search_path=${options.schema},public`,
    },
  });
}
