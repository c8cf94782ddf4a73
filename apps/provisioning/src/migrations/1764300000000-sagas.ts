import { MigrationInterface, QueryRunner } from 'typeorm';

/** The saga log, domain routes, the local CA, tenant credentials and export records. */
export class Sagas1764300000000 implements MigrationInterface {
  name = 'Sagas1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE saga (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('provision', 'offboard')),
        status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'compensated')),
        input jsonb NOT NULL,
        compensating boolean NOT NULL DEFAULT false,
        failure jsonb,
        -- NULL while a step waits for something outside (a DNS record); the runner skips it.
        run_after timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await runner.query(`CREATE INDEX saga_runnable ON saga (run_after) WHERE status = 'running'`);
    await runner.query(`CREATE INDEX saga_tenant ON saga (tenant_id, created_at)`);
    await runner.query(`
      CREATE TABLE saga_step (
        saga_id uuid NOT NULL REFERENCES saga (id) ON DELETE CASCADE,
        position int NOT NULL,
        name text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'compensated', 'waiting')),
        attempts int NOT NULL DEFAULT 0,
        compensation_attempts int NOT NULL DEFAULT 0,
        error text,
        detail jsonb NOT NULL DEFAULT '{}',
        started_at timestamptz,
        finished_at timestamptz,
        PRIMARY KEY (saga_id, position)
      )`);
    await runner.query(`
      CREATE TABLE domain_route (
        hostname text PRIMARY KEY,
        tenant_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('subdomain', 'custom')),
        status text NOT NULL CHECK (status IN ('pending', 'active')),
        verification_token text,
        verified_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX domain_route_tenant ON domain_route (tenant_id)`);
    await runner.query(`
      CREATE TABLE certificate_authority (
        name text PRIMARY KEY,
        certificate_pem text NOT NULL,
        private_key_enc text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE tenant_certificate (
        hostname text PRIMARY KEY,
        tenant_id uuid NOT NULL,
        issuer text NOT NULL,
        serial text NOT NULL,
        certificate_pem text NOT NULL,
        private_key_enc text NOT NULL,
        not_after timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE tenant_credential (
        tenant_id uuid PRIMARY KEY,
        schema_name text NOT NULL,
        role_name text NOT NULL,
        password_enc text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE tenant_export (
        saga_id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        archive_path text NOT NULL,
        sha256 text NOT NULL,
        bytes bigint NOT NULL,
        created_at timestamptz NOT NULL,
        retained_until timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX tenant_export_tenant ON tenant_export (tenant_id, created_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['tenant_export', 'tenant_credential', 'tenant_certificate', 'certificate_authority', 'domain_route', 'saga_step', 'saga']) {
      await runner.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
