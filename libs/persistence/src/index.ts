export { createDataSource, SERVICE_IDLE_CONNECTION_MS } from './data-source';
export type { DatabaseOptions } from './data-source';
export { databaseName, ensureDatabase, quoteIdent, runMigrations } from './database-admin';
export { entityManagerOf, PostgresTransactions, Transactions } from './transaction';
export type { Transaction } from './transaction';
export { tenantScope } from './tenant-scope';
export type { TenantScope } from './tenant-scope';
export { insertOrExistingSql } from './insert-or-existing';
