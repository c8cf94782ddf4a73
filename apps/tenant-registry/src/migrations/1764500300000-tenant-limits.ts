/** Tenant limits: the current set per tenant, whether it was set explicitly, and its version (TenantLimitsChanged). */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class TenantLimits1764500300000 implements MigrationInterface {
  name = 'TenantLimits1764500300000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE tenant_limits (
        tenant_id  uuid        PRIMARY KEY REFERENCES tenants (id),
        limits     jsonb       NOT NULL,
        explicit   boolean     NOT NULL,
        version    integer     NOT NULL CHECK (version >= 1),
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS tenant_limits');
  }
}
