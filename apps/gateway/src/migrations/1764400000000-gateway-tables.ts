import { MigrationInterface, QueryRunner } from 'typeorm';

/** API keys, the audit log, idempotency records and the tenant-status projection. */
export class GatewayTables1764400000000 implements MigrationInterface {
  name = 'GatewayTables1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE api_keys (
        id           uuid        PRIMARY KEY,
        name         text        NOT NULL,
        prefix       text        NOT NULL,
        key_hash     text        NOT NULL UNIQUE,
        role         text        NOT NULL CHECK (role IN ('platform-admin', 'support', 'billing', 'read-only', 'tenant-admin')),
        tenant_id    uuid,
        bootstrap    boolean     NOT NULL DEFAULT false,
        created_at   timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at   timestamptz,
        CHECK ((role = 'tenant-admin') = (tenant_id IS NOT NULL))
      )`);
    await runner.query(`
      CREATE TABLE audit_log (
        id          bigserial   PRIMARY KEY,
        api_key_id  uuid,
        role        text,
        method      text        NOT NULL,
        route       text        NOT NULL,
        path        text        NOT NULL,
        status      smallint    NOT NULL,
        tenant_id   uuid,
        request_id  text        NOT NULL,
        at          timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX audit_log_tenant_idx ON audit_log (tenant_id, id)`);
    await runner.query(`
      CREATE TABLE idempotency_keys (
        api_key_id       uuid        NOT NULL,
        idempotency_key  text        NOT NULL,
        request_hash     text        NOT NULL,
        state            text        NOT NULL CHECK (state IN ('in_progress', 'completed')),
        response_status  smallint,
        response_headers jsonb,
        response_body    text,
        created_at       timestamptz NOT NULL DEFAULT now(),
        expires_at       timestamptz NOT NULL,
        PRIMARY KEY (api_key_id, idempotency_key)
      )`);
    await runner.query(`CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at)`);
    await runner.query(`
      CREATE TABLE tenant_status (
        tenant_id  uuid        PRIMARY KEY,
        status     text        NOT NULL,
        changed_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS tenant_status');
    await runner.query('DROP TABLE IF EXISTS idempotency_keys');
    await runner.query('DROP TABLE IF EXISTS audit_log');
    await runner.query('DROP TABLE IF EXISTS api_keys');
  }
}
