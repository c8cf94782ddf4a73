/** The resources projection learns a tenant's own database (isolation tier `database`), measured whole. */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class TenantResourceDatabase1765000000501 implements MigrationInterface {
  name = 'TenantResourceDatabase1765000000501';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE tenant_resource ADD COLUMN database_name text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE tenant_resource DROP COLUMN IF EXISTS database_name`);
  }
}
