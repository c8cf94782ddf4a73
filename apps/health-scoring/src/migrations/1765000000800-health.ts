/**
 * Health scoring's projection and scores: `signals` keeps the low-volume events it scores on
 * (lifecycle, limit and performance alerts, billing), one row per event id so that a redelivered
 * or replayed event changes nothing and the order they arrive in does not matter; usage is kept
 * as daily totals and distinct active users; feedback as recorded; the current score per tenant,
 * its history, and churn-risk episodes (one open per tenant and reason).
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Health1765000000800 implements MigrationInterface {
  name = 'Health1765000000800';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE signals (
        event_id  text        PRIMARY KEY,
        tenant_id uuid        NOT NULL,
        type      text        NOT NULL,
        at        timestamptz NOT NULL,
        data      jsonb       NOT NULL
      )`);
    await runner.query(`CREATE INDEX signals_tenant_at ON signals (tenant_id, at)`);
    await runner.query(`
      CREATE TABLE usage_daily (
        tenant_id uuid    NOT NULL,
        metric    text    NOT NULL,
        day       date    NOT NULL,
        quantity  numeric NOT NULL,
        PRIMARY KEY (tenant_id, metric, day)
      )`);
    await runner.query(`
      CREATE TABLE usage_latest (
        tenant_id uuid        NOT NULL,
        metric    text        NOT NULL,
        value     numeric     NOT NULL,
        at        timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, metric)
      )`);
    await runner.query(`
      CREATE TABLE active_users (
        tenant_id uuid NOT NULL,
        day       date NOT NULL,
        user_id   text NOT NULL,
        PRIMARY KEY (tenant_id, day, user_id)
      )`);
    await runner.query(`
      CREATE TABLE feedback (
        id         uuid        PRIMARY KEY,
        tenant_id  uuid        NOT NULL,
        score      integer     NOT NULL CHECK (score BETWEEN 0 AND 10),
        comment    text,
        created_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX feedback_tenant ON feedback (tenant_id, created_at)`);
    await runner.query(`
      CREATE TABLE scores (
        tenant_id         uuid        PRIMARY KEY,
        overall           integer     NOT NULL,
        band              text        NOT NULL,
        detail            jsonb       NOT NULL,
        computed_at       timestamptz NOT NULL,
        red_since         timestamptz,
        published_overall integer,
        published_band    text
      )`);
    await runner.query(`
      CREATE TABLE score_history (
        id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tenant_id uuid        NOT NULL,
        at        timestamptz NOT NULL,
        overall   integer     NOT NULL,
        band      text        NOT NULL,
        detail    jsonb       NOT NULL
      )`);
    await runner.query(`CREATE INDEX score_history_tenant ON score_history (tenant_id, at)`);
    await runner.query(`
      CREATE TABLE churn_episodes (
        id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tenant_id uuid        NOT NULL,
        reason    text        NOT NULL,
        detail    text        NOT NULL,
        opened_at timestamptz NOT NULL,
        closed_at timestamptz
      )`);
    await runner.query(`CREATE UNIQUE INDEX churn_episodes_open ON churn_episodes (tenant_id, reason) WHERE closed_at IS NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['churn_episodes', 'score_history', 'scores', 'feedback', 'active_users', 'usage_latest', 'usage_daily', 'signals']) {
      await runner.query(`DROP TABLE ${table}`);
    }
  }
}
