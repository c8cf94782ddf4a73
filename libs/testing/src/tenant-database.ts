/**
 * The tenant data plane as provisioning lays it out, for tests that look inside it: the database
 * that holds the tenants (the service database's name + `_tenants`) and each tenant's own
 * database, schema and role, all named `t_` + the first 32 hex of SHA-256 of the tenant id
 * (provisioning README, "Isolation tiers") — names that say nothing of the tenant.
 */
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { databaseUrl } from './infrastructure';

/** The URL of the database provisioning creates tenant schemas in (and connects through to create tenant databases). */
export function tenantsDatabaseUrl(): string {
  const url = new URL(databaseUrl());
  url.pathname = `${url.pathname}_tenants`;
  return url.toString();
}

/** The name of the tenant's own database, schema and role. */
export function tenantDatabaseName(tenantId: string): string {
  return `t_${createHash('sha256').update(`tenantry:tenant-database:${tenantId}`).digest('hex').slice(0, 32)}`;
}

/** Runs `work` connected (as the superuser) to the tenant's own database, with its schema's name. */
export async function inTenantDatabase<T>(tenantId: string, work: (client: Client, schema: string) => Promise<T>): Promise<T> {
  const name = tenantDatabaseName(tenantId);
  const url = new URL(tenantsDatabaseUrl());
  url.pathname = `/${name}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client, name);
  } finally {
    await client.end();
  }
}
