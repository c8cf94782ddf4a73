import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data import jobs (POST /internal/v1/tenants/:id/imports) and their staged rows: the upload is
 * parsed row by row into `tenant_import_row`, so neither memory nor a crash depends on the file's size.
 */
export class TenantImports1765100000000 implements MigrationInterface {
  name = 'TenantImports1765100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE tenant_import (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      target text NOT NULL CHECK (target IN ('users')),
      format text NOT NULL CHECK (format IN ('csv', 'ndjson', 'json')),
      dry_run boolean NOT NULL,
      status text NOT NULL CHECK (status IN ('receiving', 'validating', 'importing', 'succeeded', 'failed', 'canceled')),
      rows_total integer NOT NULL DEFAULT 0,
      rows_valid integer NOT NULL DEFAULT 0,
      rows_invalid integer NOT NULL DEFAULT 0,
      rows_imported integer NOT NULL DEFAULT 0,
      bytes bigint NOT NULL DEFAULT 0,
      errors jsonb NOT NULL DEFAULT '[]',
      failure jsonb,
      users_limit jsonb,
      idempotency_key text,
      invitation_expires_at timestamptz,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      finished_at timestamptz,
      lease_until timestamptz)`);
    await runner.query(`CREATE INDEX tenant_import_tenant ON tenant_import (tenant_id, created_at DESC)`);
    await runner.query(`CREATE UNIQUE INDEX tenant_import_idempotency ON tenant_import (tenant_id, created_by, idempotency_key) WHERE idempotency_key IS NOT NULL`);
    await runner.query(`CREATE INDEX tenant_import_runnable ON tenant_import (lease_until) WHERE status IN ('receiving', 'validating', 'importing')`);
    await runner.query(`CREATE TABLE tenant_import_row (
      import_id uuid NOT NULL REFERENCES tenant_import (id) ON DELETE CASCADE,
      row_no integer NOT NULL,
      email text NOT NULL,
      role text NOT NULL,
      name text,
      PRIMARY KEY (import_id, row_no))`);
    await runner.query(`CREATE INDEX tenant_import_row_email ON tenant_import_row (import_id, email)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE IF EXISTS tenant_import_row`);
    await runner.query(`DROP TABLE IF EXISTS tenant_import`);
  }
}
