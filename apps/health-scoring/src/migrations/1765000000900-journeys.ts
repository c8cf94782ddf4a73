/**
 * Lifecycle journeys: the facts about each tenant they act on (`journey_tenants`: creation, band,
 * suspension and removal, why it left), the onboarding checklist (one row per completed item,
 * keeping the earliest time), retention check-ins (operator tasks, unique by the event or the
 * cadence slot that opened them) and offboarding feedback.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Journeys1765000000900 implements MigrationInterface {
  name = 'Journeys1765000000900';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE journey_tenants (
        tenant_id                uuid        PRIMARY KEY,
        created_at               timestamptz,
        band                     text,
        band_at                  timestamptz,
        green_since              timestamptz,
        last_success_check_in_at timestamptz,
        suspended_reason         text,
        suspension_at            timestamptz,
        offboarding_at           timestamptz,
        offboarding_reason       text,
        removed_at               timestamptz,
        written_off_at           timestamptz,
        winback_status           text,
        winback_at               timestamptz
      )`);
    await runner.query(`CREATE INDEX journey_tenants_green ON journey_tenants (band) WHERE band = 'green' AND removed_at IS NULL AND offboarding_at IS NULL`);
    await runner.query(`CREATE INDEX journey_tenants_winback ON journey_tenants (removed_at) WHERE winback_status IS NULL AND removed_at IS NOT NULL`);
    await runner.query(`
      CREATE TABLE onboarding_items (
        tenant_id    uuid        NOT NULL,
        item         text        NOT NULL,
        completed_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, item)
      )`);
    await runner.query(`
      CREATE TABLE check_ins (
        id           uuid        PRIMARY KEY,
        tenant_id    uuid        NOT NULL,
        kind         text        NOT NULL,
        status       text        NOT NULL DEFAULT 'open',
        reasons      jsonb       NOT NULL,
        details      jsonb       NOT NULL,
        due_at       timestamptz NOT NULL,
        source       text        NOT NULL UNIQUE,
        completed_at timestamptz,
        completed_by text,
        note         text
      )`);
    await runner.query(`CREATE INDEX check_ins_status_due ON check_ins (status, due_at)`);
    await runner.query(`
      CREATE TABLE offboarding_feedback (
        id         uuid        PRIMARY KEY,
        tenant_id  uuid        NOT NULL,
        reason     text        NOT NULL,
        score      integer     NOT NULL CHECK (score BETWEEN 0 AND 10),
        comment    text,
        created_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX offboarding_feedback_tenant ON offboarding_feedback (tenant_id, created_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE offboarding_feedback`);
    await runner.query(`DROP TABLE check_ins`);
    await runner.query(`DROP TABLE onboarding_items`);
    await runner.query(`DROP TABLE journey_tenants`);
  }
}
