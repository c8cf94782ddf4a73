import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Import jobs can be cancelled (POST …/imports/:importId/cancel): the status is spelled `cancelled`,
 * as bulk jobs and maintenance windows spell it (no job was ever `canceled`: nothing set it).
 */
export class TenantImportCancel1765200000000 implements MigrationInterface {
  name = 'TenantImportCancel1765200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE tenant_import DROP CONSTRAINT IF EXISTS tenant_import_status_check`);
    await runner.query(`UPDATE tenant_import SET status = 'cancelled' WHERE status = 'canceled'`);
    await runner.query(`ALTER TABLE tenant_import ADD CONSTRAINT tenant_import_status_check CHECK (status IN ('receiving', 'validating', 'importing', 'succeeded', 'failed', 'cancelled'))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE tenant_import DROP CONSTRAINT IF EXISTS tenant_import_status_check`);
    await runner.query(`UPDATE tenant_import SET status = 'canceled' WHERE status = 'cancelled'`);
    await runner.query(`ALTER TABLE tenant_import ADD CONSTRAINT tenant_import_status_check CHECK (status IN ('receiving', 'validating', 'importing', 'succeeded', 'failed', 'canceled'))`);
  }
}
