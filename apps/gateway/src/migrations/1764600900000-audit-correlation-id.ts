import { MigrationInterface, QueryRunner } from 'typeorm';

/** The client's own x-request-id, kept apart from the request id the gateway makes (never trusted as one). */
export class AuditCorrelationId1764600900000 implements MigrationInterface {
  name = 'AuditCorrelationId1764600900000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS correlation_id text CHECK (char_length(correlation_id) <= 128)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE audit_log DROP COLUMN IF EXISTS correlation_id`);
  }
}
