/** The resource collectors' projection: where each provisioned tenant's schema and storage root are. */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Collectors1764500200000 implements MigrationInterface {
  name = 'Collectors1764500200000';

  async up(runner: QueryRunner): Promise<void> {
    // schema_name and storage_root are null on a tombstone: a retirement (from the lifecycle topic)
    // may arrive before the TenantProvisioned it follows (provisioning topic), and must still win.
    await runner.query(`
      CREATE TABLE tenant_resource (
        tenant_id      uuid PRIMARY KEY,
        schema_name    text,
        storage_root   text,
        provisioned_at timestamptz,
        retired_at     timestamptz,
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE tenant_resource`);
  }
}
