export { createDataSource } from './data-source';
export type { DatabaseOptions } from './data-source';
export { databaseName, ensureDatabase, quoteIdent, runMigrations } from './database-admin';
