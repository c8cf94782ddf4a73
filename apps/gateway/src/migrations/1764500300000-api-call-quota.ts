import { MigrationInterface, QueryRunner } from 'typeorm';

/** The API-call quota: tenants blocked until their month resets, and each tenant's newest announced API-call limit. */
export class ApiCallQuota1764500300000 implements MigrationInterface {
  name = 'ApiCallQuota1764500300000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE api_call_blocks (
        tenant_id    uuid        PRIMARY KEY,
        limit_value  numeric     NOT NULL CHECK (limit_value >= 0),
        period_start timestamptz NOT NULL,
        reset_at     timestamptz NOT NULL,
        blocked_at   timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE api_call_limits (
        tenant_id   uuid        PRIMARY KEY,
        version     integer     NOT NULL,
        limit_value numeric     CHECK (limit_value >= 0),
        mode        text        CHECK (mode IN ('soft', 'hard')),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS api_call_limits');
    await runner.query('DROP TABLE IF EXISTS api_call_blocks');
  }
}
