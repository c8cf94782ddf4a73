/** Limits and alerts: the tenants' limit projection (highest version wins) and every alert raised, unique per period. */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class LimitsAlerts1764500000000 implements MigrationInterface {
  name = 'LimitsAlerts1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    // The version lives apart from the limits so that an empty set (every limit removed) still
    // holds its version against an older, redelivered change.
    await runner.query(`
      CREATE TABLE tenant_limit_set (
        tenant_id  uuid PRIMARY KEY,
        version    integer     NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE tenant_limit (
        tenant_id   uuid    NOT NULL,
        metric      text    NOT NULL,
        limit_value numeric NOT NULL CHECK (limit_value >= 0),
        mode        text    NOT NULL CHECK (mode IN ('soft', 'hard')),
        version     integer NOT NULL,
        PRIMARY KEY (tenant_id, metric)
      )`);
    // One row per alert ever raised: the unique key is what makes an alert fire once, whatever is
    // replayed or redelivered. Anomalies have no limit and store 0 as limit_value.
    await runner.query(`
      CREATE TABLE usage_alert (
        alert_id     uuid        NOT NULL DEFAULT gen_random_uuid(),
        tenant_id    uuid        NOT NULL,
        metric       text        NOT NULL,
        period_start timestamptz NOT NULL,
        kind         text        NOT NULL CHECK (kind IN ('threshold-80', 'threshold-100', 'exceeded-soft', 'exceeded-hard', 'anomaly')),
        limit_value  numeric     NOT NULL,
        usage        numeric     NOT NULL,
        raised_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT usage_alert_once UNIQUE (tenant_id, metric, period_start, kind, limit_value)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE usage_alert`);
    await runner.query(`DROP TABLE tenant_limit`);
    await runner.query(`DROP TABLE tenant_limit_set`);
  }
}
