/** Tenants, their transition history, the plan catalogue and the reserved slugs. */
import { MigrationInterface, QueryRunner } from 'typeorm';

const PLANS: [id: string, name: string, trialDays: number | null, resources: object][] = [
  ['free', 'Free', null, { storage: 1, bandwidth: 10, users: 5 }],
  ['starter', 'Starter', 14, { storage: 10, bandwidth: 100, users: 25 }],
  ['growth', 'Growth', null, { storage: 100, bandwidth: 1000, users: 250 }],
  ['enterprise', 'Enterprise', null, { storage: 1000, bandwidth: 10000, users: 5000 }],
];

const RESERVED_SLUGS = [
  'www', 'api', 'admin', 'app', 'mail', 'smtp', 'imap', 'pop', 'ftp', 'ns1', 'ns2', 'dns', 'mx', 'cdn', 'static', 'assets',
  'status', 'docs', 'help', 'support', 'billing', 'blog', 'dashboard', 'console', 'portal', 'auth', 'login', 'sso', 'oauth',
  'gateway', 'internal', 'platform', 'system', 'root', 'tenantry', 'test', 'dev', 'staging', 'prod', 'localhost',
];

export class Tenants1764300000000 implements MigrationInterface {
  name = 'Tenants1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE plans (
        id            text PRIMARY KEY,
        name          text    NOT NULL,
        trial_days    integer CHECK (trial_days IS NULL OR trial_days > 0),
        configuration jsonb   NOT NULL,
        resources     jsonb   NOT NULL
      )`);
    for (const [id, name, trialDays, resources] of PLANS) {
      await runner.query(`INSERT INTO plans (id, name, trial_days, configuration, resources) VALUES ($1, $2, $3, $4, $5)`, [
        id,
        name,
        trialDays,
        JSON.stringify({ theme: 'default', language: 'en', timezone: 'UTC', currency: 'USD' }),
        JSON.stringify(resources),
      ]);
    }
    await runner.query(`CREATE TABLE reserved_slugs (slug text PRIMARY KEY)`);
    await runner.query(`INSERT INTO reserved_slugs (slug) SELECT unnest($1::text[])`, [RESERVED_SLUGS]);
    await runner.query(`
      CREATE TABLE tenants (
        id             uuid PRIMARY KEY,
        slug           text        NOT NULL,
        name           text        NOT NULL,
        status         text        NOT NULL CHECK (status IN ('provisioning', 'provisioning_failed', 'trial', 'active', 'suspended', 'inactive', 'offboarding', 'deleted')),
        status_reason  text,
        domain_type    text        NOT NULL CHECK (domain_type IN ('subdomain', 'custom')),
        domain_value   text        NOT NULL,
        hostname       text        NOT NULL,
        ssl            boolean     NOT NULL,
        plan_id        text        NOT NULL REFERENCES plans (id),
        plan_trial     boolean     NOT NULL,
        plan_duration  integer,
        trial_ends_at  timestamptz,
        admin_email    text        NOT NULL,
        configuration  jsonb       NOT NULL,
        resources      jsonb       NOT NULL,
        version        integer     NOT NULL DEFAULT 1,
        created_at     timestamptz NOT NULL,
        updated_at     timestamptz NOT NULL,
        CONSTRAINT tenants_slug_key UNIQUE (slug)
      )`);
    await runner.query(`CREATE UNIQUE INDEX tenants_hostname_key ON tenants (lower(hostname))`);
    await runner.query(`CREATE INDEX tenants_created_at_id_idx ON tenants (created_at, id)`);
    await runner.query(`CREATE INDEX tenants_name_id_idx ON tenants (lower(name), id)`);
    await runner.query(`CREATE INDEX tenants_status_idx ON tenants (status)`);
    await runner.query(`CREATE INDEX tenants_plan_idx ON tenants (plan_id)`);
    await runner.query(`CREATE INDEX tenants_trial_ends_at_idx ON tenants (trial_ends_at) WHERE status = 'trial'`);
    await runner.query(`
      CREATE TABLE tenant_transitions (
        id          bigserial PRIMARY KEY,
        tenant_id   uuid        NOT NULL REFERENCES tenants (id),
        from_status text,
        to_status   text        NOT NULL,
        reason      text,
        actor       text        NOT NULL,
        request_id  text,
        at          timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX tenant_transitions_tenant_idx ON tenant_transitions (tenant_id, id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS tenant_transitions');
    await runner.query('DROP TABLE IF EXISTS tenants');
    await runner.query('DROP TABLE IF EXISTS reserved_slugs');
    await runner.query('DROP TABLE IF EXISTS plans');
  }
}
