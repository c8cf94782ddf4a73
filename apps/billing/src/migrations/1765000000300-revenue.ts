/**
 * Revenue: subscription history also records when a tenant stops paying for good (`canceled`: it
 * was deactivated or deleted) and comes back (`reactivated`), for MRR churn and reactivation.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Revenue1765000000300 implements MigrationInterface {
  name = 'Revenue1765000000300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE subscription_changes DROP CONSTRAINT subscription_changes_kind_check`);
    await runner.query(
      `ALTER TABLE subscription_changes ADD CONSTRAINT subscription_changes_kind_check CHECK (kind IN ('created', 'upgrade', 'downgrade', 'canceled', 'reactivated'))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM subscription_changes WHERE kind IN ('canceled', 'reactivated')`);
    await runner.query(`ALTER TABLE subscription_changes DROP CONSTRAINT subscription_changes_kind_check`);
    await runner.query(`ALTER TABLE subscription_changes ADD CONSTRAINT subscription_changes_kind_check CHECK (kind IN ('created', 'upgrade', 'downgrade'))`);
  }
}
