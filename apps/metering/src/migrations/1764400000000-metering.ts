/** Metering's tables: the tenant projection, the day-partitioned dedup log, aggregates and unique members. */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Metering1764400000000 implements MigrationInterface {
  name = 'Metering1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE tenant (
        tenant_id  uuid PRIMARY KEY,
        status     text        NOT NULL CHECK (status IN ('known', 'active', 'suspended', 'inactive', 'deleted')),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Partitions are created ahead (and on demand) by the partition maintenance; no default partition,
    // so a partition can always be attached later without scanning one.
    await runner.query(`
      CREATE TABLE usage_event (
        tenant_id   uuid        NOT NULL,
        event_id    text        NOT NULL,
        occurred_on date        NOT NULL,
        occurred_at timestamptz NOT NULL,
        metric      text        NOT NULL,
        quantity    numeric     NOT NULL,
        source      text        NOT NULL,
        member      text,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, event_id, occurred_on)
      ) PARTITION BY RANGE (occurred_on)`);
    await runner.query(`
      CREATE TABLE usage_aggregate (
        tenant_id    uuid        NOT NULL,
        metric       text        NOT NULL,
        granularity  text        NOT NULL CHECK (granularity IN ('hour', 'day', 'month')),
        window_start timestamptz NOT NULL,
        aggregation  text        NOT NULL CHECK (aggregation IN ('sum', 'max', 'latest', 'unique')),
        value        numeric     NOT NULL,
        events       bigint      NOT NULL,
        latest_at    timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, granularity, metric, window_start)
      )`);
    await runner.query(`
      CREATE TABLE usage_unique (
        tenant_id    uuid        NOT NULL,
        metric       text        NOT NULL,
        granularity  text        NOT NULL,
        window_start timestamptz NOT NULL,
        member       text        NOT NULL,
        PRIMARY KEY (tenant_id, metric, granularity, window_start, member)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE usage_unique`);
    await runner.query(`DROP TABLE usage_aggregate`);
    await runner.query(`DROP TABLE usage_event`);
    await runner.query(`DROP TABLE tenant`);
  }
}
