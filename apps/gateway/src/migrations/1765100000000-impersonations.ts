import { MigrationInterface, QueryRunner } from 'typeorm';

/** Impersonation credentials (support access as a tenant's admin), and the second identity of an audited call. */
export class Impersonations1765100000000 implements MigrationInterface {
  name = 'Impersonations1765100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE IF NOT EXISTS impersonations (
        id            uuid        PRIMARY KEY,
        tenant_id     uuid        NOT NULL,
        actor_key_id  uuid        NOT NULL,
        actor_role    text        NOT NULL CHECK (actor_role IN ('platform-admin', 'support')),
        reason        text        NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 500),
        write         boolean     NOT NULL,
        token_hash    text        NOT NULL UNIQUE,
        created_at    timestamptz NOT NULL,
        expires_at    timestamptz NOT NULL CHECK (expires_at > created_at),
        revoked_at    timestamptz,
        revoked_by    uuid
      )`);
    await runner.query(`CREATE INDEX IF NOT EXISTS impersonations_tenant_idx ON impersonations (tenant_id, created_at DESC)`);
    await runner.query(`ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS impersonation_id uuid, ADD COLUMN IF NOT EXISTS actor_role text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE audit_log DROP COLUMN IF EXISTS impersonation_id, DROP COLUMN IF EXISTS actor_role`);
    await runner.query(`DROP TABLE IF EXISTS impersonations`);
  }
}
