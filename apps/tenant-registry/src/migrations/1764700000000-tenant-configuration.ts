/**
 * Versioned tenant configuration: one row per version with what the tenant overrides (secrets sealed),
 * who/when/why and the paths it changed; and each plan's configuration defaults (feature flags).
 * Tenants without a row have an implied version 1 built from their creation configuration (see
 * tenant-configuration.ts), so existing tenants need no backfill.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

const PLAN_FEATURES: Record<string, Record<string, boolean>> = {
  free: { apiAccess: false, customDomain: false, sso: false, webhooks: false, auditLogExport: false, advancedAnalytics: false },
  starter: { apiAccess: true, customDomain: false, sso: false, webhooks: true, auditLogExport: false, advancedAnalytics: false },
  growth: { apiAccess: true, customDomain: true, sso: false, webhooks: true, auditLogExport: true, advancedAnalytics: true },
  enterprise: { apiAccess: true, customDomain: true, sso: true, webhooks: true, auditLogExport: true, advancedAnalytics: true },
};

export class TenantConfiguration1764700000000 implements MigrationInterface {
  name = 'TenantConfiguration1764700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE tenant_configuration_versions (
        tenant_id      uuid        NOT NULL REFERENCES tenants (id),
        version        integer     NOT NULL CHECK (version >= 1),
        document       jsonb       NOT NULL,
        changed_paths  text[]      NOT NULL,
        changed_by     text        NOT NULL,
        request_id     text,
        reason         text,
        rolled_back_to integer,
        changed_at     timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, version)
      )`);
    await runner.query(`ALTER TABLE plans ADD COLUMN configuration_defaults jsonb NOT NULL DEFAULT '{}'::jsonb`);
    for (const [planId, features] of Object.entries(PLAN_FEATURES)) {
      await runner.query(`UPDATE plans SET configuration_defaults = $2 WHERE id = $1`, [planId, JSON.stringify({ features })]);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS tenant_configuration_versions');
    await runner.query('ALTER TABLE plans DROP COLUMN IF EXISTS configuration_defaults');
  }
}
