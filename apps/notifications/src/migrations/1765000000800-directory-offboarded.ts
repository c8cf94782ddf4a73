/**
 * The directory remembers when a tenant was offboarded, so a platform-wide notice (a global
 * maintenance window) reaches every tenant still on the platform and none that has left it.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class DirectoryOffboarded1765000000800 implements MigrationInterface {
  name = 'DirectoryOffboarded1765000000800';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE tenant_directory ADD COLUMN offboarded_at timestamptz`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE tenant_directory DROP COLUMN offboarded_at`);
  }
}
