/**
 * Issue 13, parts 2 and 3: aggregates per source and per group-by value, and meters as data.
 *
 * usage_aggregate and usage_unique take two key columns: `source` (`api`, `gateway`, `collector`
 * for each source's own figures; `counted` for the figure limits, alerts, the summary and billing
 * use: the sources the meter counts) and `group_key` ('' for the total; `<property>=<value>` for a
 * meter's group-by breakdown, counted sources only). Both columns are added with constant defaults
 * (no table rewrite): every existing row is the counted total it always was. Each existing row is
 * then copied as the per-source figure it can be attributed to: the metrics the platform measures
 * (storage_bytes, database_bytes, active_users) had one possible source, `collector`; the others'
 * past totals mixed sources and are shown as `unattributed`.
 *
 * `meter` holds every meter: the six built-in ones seeded here (the same rows custom meters are),
 * with the sources that may record them and those that count.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

const MEASURED = `('storage_bytes', 'database_bytes', 'active_users')`;

export class UsageSourcesAndMeters1766000000000 implements MigrationInterface {
  name = 'UsageSourcesAndMeters1766000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE usage_aggregate ADD COLUMN source text NOT NULL DEFAULT 'counted', ADD COLUMN group_key text NOT NULL DEFAULT ''`);
    await runner.query(`ALTER TABLE usage_aggregate DROP CONSTRAINT usage_aggregate_pkey`);
    await runner.query(`ALTER TABLE usage_aggregate ADD CONSTRAINT usage_aggregate_pkey PRIMARY KEY (tenant_id, granularity, metric, window_start, source, group_key)`);
    await runner.query(`ALTER TABLE usage_aggregate DROP CONSTRAINT usage_aggregate_aggregation_check`);
    await runner.query(`ALTER TABLE usage_aggregate ADD CONSTRAINT usage_aggregate_aggregation_check CHECK (aggregation IN ('sum', 'count', 'max', 'latest', 'unique'))`);
    await runner.query(
      `INSERT INTO usage_aggregate (tenant_id, metric, granularity, window_start, source, group_key, aggregation, value, events, latest_at)
       SELECT tenant_id, metric, granularity, window_start, CASE WHEN metric IN ${MEASURED} THEN 'collector' ELSE 'unattributed' END, '', aggregation, value, events, latest_at
         FROM usage_aggregate WHERE source = 'counted' AND group_key = ''`,
    );
    await runner.query(`ALTER TABLE usage_unique ADD COLUMN source text NOT NULL DEFAULT 'counted', ADD COLUMN group_key text NOT NULL DEFAULT ''`);
    await runner.query(`ALTER TABLE usage_unique DROP CONSTRAINT usage_unique_pkey`);
    await runner.query(`ALTER TABLE usage_unique ADD CONSTRAINT usage_unique_pkey PRIMARY KEY (tenant_id, metric, granularity, window_start, source, group_key, member)`);
    await runner.query(
      `INSERT INTO usage_unique (tenant_id, metric, granularity, window_start, source, group_key, member)
       SELECT tenant_id, metric, granularity, window_start, CASE WHEN metric IN ${MEASURED} THEN 'collector' ELSE 'unattributed' END, '', member
         FROM usage_unique WHERE source = 'counted' AND group_key = ''`,
    );

    await runner.query(`
      CREATE TABLE meter (
        key             text        PRIMARY KEY,
        description     text        NOT NULL,
        unit            text        NOT NULL,
        aggregation     text        NOT NULL CHECK (aggregation IN ('sum', 'count', 'max', 'latest', 'unique')),
        value_property  text,
        filters         jsonb       NOT NULL DEFAULT '{}',
        group_by        text[]      NOT NULL DEFAULT '{}',
        recorded_by     text[]      NOT NULL,
        counted_sources text[]      NOT NULL,
        built_in        boolean     NOT NULL DEFAULT false,
        version         integer     NOT NULL DEFAULT 1,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      INSERT INTO meter (key, description, unit, aggregation, value_property, recorded_by, counted_sources, built_in) VALUES
        ('storage_bytes', 'Bytes of files in the tenant''s storage root (latest reading)', 'bytes', 'latest', NULL, '{collector}', '{collector}', true),
        ('database_bytes', 'Bytes of the tenant''s database or schema (latest reading)', 'bytes', 'latest', NULL, '{collector}', '{collector}', true),
        ('bandwidth_bytes', 'Request and response bytes', 'bytes', 'sum', NULL, '{api,gateway}', '{api,gateway}', true),
        ('api_calls', 'API calls', 'calls', 'sum', NULL, '{api,gateway}', '{api,gateway}', true),
        ('active_users', 'Distinct users who logged in', 'users', 'unique', 'userId', '{collector}', '{collector}', true),
        ('concurrent_connections', 'Peak concurrent connections', 'connections', 'max', NULL, '{api,gateway,collector}', '{api,gateway,collector}', true)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE meter`);
    await runner.query(`DELETE FROM usage_unique WHERE source <> 'counted' OR group_key <> ''`);
    await runner.query(`ALTER TABLE usage_unique DROP CONSTRAINT usage_unique_pkey`);
    await runner.query(`ALTER TABLE usage_unique DROP COLUMN source, DROP COLUMN group_key`);
    await runner.query(`ALTER TABLE usage_unique ADD CONSTRAINT usage_unique_pkey PRIMARY KEY (tenant_id, metric, granularity, window_start, member)`);
    await runner.query(`DELETE FROM usage_aggregate WHERE source <> 'counted' OR group_key <> '' OR aggregation = 'count'`);
    await runner.query(`ALTER TABLE usage_aggregate DROP CONSTRAINT usage_aggregate_pkey`);
    await runner.query(`ALTER TABLE usage_aggregate DROP COLUMN source, DROP COLUMN group_key`);
    await runner.query(`ALTER TABLE usage_aggregate ADD CONSTRAINT usage_aggregate_pkey PRIMARY KEY (tenant_id, granularity, metric, window_start)`);
    await runner.query(`ALTER TABLE usage_aggregate DROP CONSTRAINT usage_aggregate_aggregation_check`);
    await runner.query(`ALTER TABLE usage_aggregate ADD CONSTRAINT usage_aggregate_aggregation_check CHECK (aggregation IN ('sum', 'max', 'latest', 'unique'))`);
  }
}
