import { MigrationInterface, QueryRunner } from 'typeorm';

/** The client's own request id of a change, beside the gateway's (request_id), which alone is trusted. */
export class TransitionCorrelationId1764600900000 implements MigrationInterface {
  name = 'TransitionCorrelationId1764600900000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE tenant_transitions ADD COLUMN IF NOT EXISTS correlation_id text CHECK (char_length(correlation_id) <= 128)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE tenant_transitions DROP COLUMN IF EXISTS correlation_id`);
  }
}
