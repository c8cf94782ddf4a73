import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each tenant's current plan, from TenantCreated and TenantPlanChanged: the rate limiter's tier. */
export class TenantPlans1764600500000 implements MigrationInterface {
  name = 'TenantPlans1764600500000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE tenant_plans (
        tenant_id  uuid        PRIMARY KEY,
        plan_id    text        NOT NULL,
        changed_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS tenant_plans');
  }
}
