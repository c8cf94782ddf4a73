/** The TrialEnding notices published: one per subscription and trial end, so a notice is published once. */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class TrialEndingNotices1765000000500 implements MigrationInterface {
  name = 'TrialEndingNotices1765000000500';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE trial_ending_notices (
        subscription_id uuid        NOT NULL,
        trial_ends_at   timestamptz NOT NULL,
        tenant_id       uuid        NOT NULL,
        published_at    timestamptz NOT NULL,
        PRIMARY KEY (subscription_id, trial_ends_at)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE IF EXISTS trial_ending_notices`);
  }
}
