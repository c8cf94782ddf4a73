/**
 * Analytics' pre-aggregated tables (cross-tenant, for operators), kept by their own consumer
 * groups next to the health projection: the tenant dimension (plan, lifecycle dates, features),
 * per plan per day and per hour of day usage, per tenant per month usage, distinct active users
 * per tenant and day (to count each once), and invoices for MRR.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Analytics1765000000950 implements MigrationInterface {
  name = 'Analytics1765000000950';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE analytics_tenants (
        tenant_id      uuid        PRIMARY KEY,
        plan_id        text,
        plan_at        timestamptz,
        created_at     timestamptz,
        activated_at   timestamptz,
        churned_at     timestamptz,
        features       text[]      NOT NULL DEFAULT '{}',
        config_version integer
      )`);
    await runner.query(`CREATE INDEX analytics_tenants_plan ON analytics_tenants (plan_id)`);
    await runner.query(`
      CREATE TABLE analytics_feature_first (
        tenant_id uuid        NOT NULL,
        feature   text        NOT NULL,
        first_at  timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, feature)
      )`);
    await runner.query(`
      CREATE TABLE analytics_plan_daily (
        plan_id           text    NOT NULL,
        day               date    NOT NULL,
        api_calls         numeric NOT NULL DEFAULT 0,
        bandwidth_bytes   numeric NOT NULL DEFAULT 0,
        active_users      integer NOT NULL DEFAULT 0,
        degraded_requests bigint  NOT NULL DEFAULT 0,
        degraded_errors   numeric NOT NULL DEFAULT 0,
        PRIMARY KEY (plan_id, day)
      )`);
    await runner.query(`CREATE INDEX analytics_plan_daily_day ON analytics_plan_daily (day)`);
    await runner.query(`
      CREATE TABLE analytics_plan_hourly (
        plan_id   text     NOT NULL,
        day       date     NOT NULL,
        hour      smallint NOT NULL,
        api_calls numeric  NOT NULL DEFAULT 0,
        PRIMARY KEY (plan_id, day, hour)
      )`);
    await runner.query(`CREATE INDEX analytics_plan_hourly_day ON analytics_plan_hourly (day)`);
    await runner.query(`
      CREATE TABLE analytics_tenant_monthly (
        tenant_id        uuid    NOT NULL,
        month            date    NOT NULL,
        api_calls        numeric NOT NULL DEFAULT 0,
        active_user_days integer NOT NULL DEFAULT 0,
        PRIMARY KEY (tenant_id, month)
      )`);
    await runner.query(`CREATE INDEX analytics_tenant_monthly_month ON analytics_tenant_monthly (month)`);
    await runner.query(`
      CREATE TABLE analytics_active_users (
        tenant_id uuid NOT NULL,
        day       date NOT NULL,
        user_id   text NOT NULL,
        PRIMARY KEY (tenant_id, day, user_id)
      )`);
    await runner.query(`
      CREATE TABLE analytics_invoices (
        invoice_id   text    PRIMARY KEY,
        tenant_id    uuid    NOT NULL,
        month        date    NOT NULL,
        currency     text    NOT NULL,
        amount_minor bigint  NOT NULL,
        voided       boolean NOT NULL DEFAULT false
      )`);
    await runner.query(`CREATE INDEX analytics_invoices_month ON analytics_invoices (month)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['analytics_invoices', 'analytics_active_users', 'analytics_tenant_monthly', 'analytics_plan_hourly', 'analytics_plan_daily', 'analytics_feature_first', 'analytics_tenants']) {
      await runner.query(`DROP TABLE ${table}`);
    }
  }
}
