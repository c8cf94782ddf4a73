/**
 * Email notifications: the tenant directory (what notifications knows of each tenant from the
 * lifecycle and provisioning events: name, first admin, host, language, branding), one delivery row
 * per mail and recipient — unique by `dedup_key` (event id, recipient, type) and written in the
 * consumer's inbox transaction, before anything is sent — per-recipient preferences by category,
 * and the platform's template overrides.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Email1765000000600 implements MigrationInterface {
  name = 'Email1765000000600';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE tenant_directory (
        tenant_id             uuid PRIMARY KEY,
        -- null until TenantCreated is seen (the provisioning topic's events may come first)
        name                  text,
        admin_email           text,
        language              text        NOT NULL DEFAULT 'en',
        branding              jsonb       NOT NULL DEFAULT '{}',
        hostname              text,
        invitation_expires_at timestamptz,
        updated_at            timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE email_deliveries (
        id              uuid PRIMARY KEY,
        dedup_key       text        NOT NULL UNIQUE,
        tenant_id       uuid,
        type            text        NOT NULL,
        category        text        NOT NULL,
        critical        boolean     NOT NULL,
        recipient       text        NOT NULL,
        event_id        text        NOT NULL,
        data            jsonb       NOT NULL,
        status          text        NOT NULL CHECK (status IN ('pending', 'sending', 'delivered', 'failed', 'suppressed')),
        attempts        integer     NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_error      text,
        message_id      text,
        created_at      timestamptz NOT NULL,
        sent_at         timestamptz,
        seq             bigint      GENERATED ALWAYS AS IDENTITY
      )`);
    await runner.query(`CREATE INDEX email_deliveries_due ON email_deliveries (next_attempt_at) WHERE status IN ('pending', 'sending')`);
    await runner.query(`CREATE INDEX email_deliveries_tenant ON email_deliveries (tenant_id, seq)`);
    await runner.query(`CREATE INDEX email_deliveries_digest ON email_deliveries (recipient, tenant_id, category, sent_at) WHERE status = 'delivered'`);
    await runner.query(`
      CREATE TABLE email_preferences (
        tenant_id  uuid        NOT NULL,
        recipient  text        NOT NULL,
        category   text        NOT NULL,
        enabled    boolean     NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, recipient, category)
      )`);
    await runner.query(`
      CREATE TABLE email_template_overrides (
        type       text        NOT NULL,
        language   text        NOT NULL,
        subject    text        NOT NULL,
        html       text        NOT NULL,
        text       text        NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by text        NOT NULL,
        PRIMARY KEY (type, language)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE email_template_overrides, email_preferences, email_deliveries, tenant_directory`);
  }
}
