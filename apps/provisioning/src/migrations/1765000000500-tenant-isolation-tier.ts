import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each tenant's isolation tier and, in the `database` tier, its own database. Tenants provisioned
 * before are in the shared tenant database (`schema`, no database of their own).
 */
export class TenantIsolationTier1765000000500 implements MigrationInterface {
  name = 'TenantIsolationTier1765000000500';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE tenant_credential ADD COLUMN isolation text NOT NULL DEFAULT 'schema' CHECK (isolation IN ('database', 'schema'))`);
    await runner.query(`ALTER TABLE tenant_credential ADD COLUMN database_name text`);
    await runner.query(`ALTER TABLE tenant_credential ADD CONSTRAINT tenant_credential_database CHECK ((isolation = 'database') = (database_name IS NOT NULL))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE tenant_credential DROP CONSTRAINT IF EXISTS tenant_credential_database`);
    await runner.query(`ALTER TABLE tenant_credential DROP COLUMN IF EXISTS database_name`);
    await runner.query(`ALTER TABLE tenant_credential DROP COLUMN IF EXISTS isolation`);
  }
}
