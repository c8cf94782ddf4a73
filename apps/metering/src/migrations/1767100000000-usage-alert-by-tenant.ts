/**
 * The alerts read API lists one tenant's alerts newest first: an index in that order answers a page
 * without sorting every alert the tenant ever had (the unique key leads with the tenant but not the time).
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class UsageAlertByTenant1767100000000 implements MigrationInterface {
  name = 'UsageAlertByTenant1767100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE INDEX usage_alert_by_tenant_raised ON usage_alert (tenant_id, raised_at DESC, alert_id DESC)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX usage_alert_by_tenant_raised`);
  }
}
