/** TypeORM data sources for a service: one database, one schema per service, migrations never synchronize. */
import { DataSource, DataSourceOptions } from 'typeorm';

export interface DatabaseOptions {
  url: string;
  /** The service's own Postgres schema; its tables and its migrations table live there. */
  schema: string;
  applicationName: string;
  migrations?: DataSourceOptions['migrations'];
  poolSize?: number;
  /** How long an idle pooled connection is kept (pg's default: 10 s). */
  idleTimeoutMs?: number;
}

/**
 * How long a service keeps an idle pooled connection: five minutes, where pg's default closes it
 * after 10 s. A burst after a quiet spell then finds its connections open, instead of opening a
 * backend per request, each of which starts with empty catalog caches (bench:provisioning's "new
 * connections"). Not for short-lived tools and tests, whose open pools would keep Node running.
 */
export const SERVICE_IDLE_CONNECTION_MS = 300_000;

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
      idleTimeoutMillis: options.idleTimeoutMs ?? 10_000,
      // The schema is first on the search path so raw SQL in migrations can omit it.
      options: `-c search_path=${options.schema},public`,
    },
  });
}
