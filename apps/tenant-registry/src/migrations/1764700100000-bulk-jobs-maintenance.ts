import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk jobs and their items (one per selected tenant: an item done commits with its change, so a
 * restarted job never redoes it), and maintenance windows.
 */
export class BulkJobsMaintenance1764700100000 implements MigrationInterface {
  name = 'BulkJobsMaintenance1764700100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE bulk_jobs (
        id          uuid PRIMARY KEY,
        action      jsonb       NOT NULL,
        selection   jsonb       NOT NULL,
        status      text        NOT NULL CHECK (status IN ('running', 'completed', 'cancelled')),
        actor       text        NOT NULL,
        request_id  text,
        created_at  timestamptz NOT NULL,
        finished_at timestamptz
      )`);
    await runner.query(`CREATE INDEX bulk_jobs_running_idx ON bulk_jobs (created_at) WHERE status = 'running'`);
    await runner.query(`
      CREATE TABLE bulk_job_items (
        job_id     uuid        NOT NULL REFERENCES bulk_jobs (id),
        position   integer     NOT NULL,
        tenant_id  uuid        NOT NULL,
        status     text        NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'cancelled')),
        result     jsonb,
        error      jsonb,
        updated_at timestamptz,
        PRIMARY KEY (job_id, position)
      )`);
    await runner.query(`CREATE INDEX bulk_job_items_pending_idx ON bulk_job_items (job_id, position) WHERE status = 'pending'`);
    await runner.query(`
      CREATE TABLE maintenance_windows (
        id          uuid PRIMARY KEY,
        scope       text        NOT NULL CHECK (scope IN ('global', 'plan', 'tenant')),
        plan_id     text,
        tenant_id   uuid,
        starts_at   timestamptz NOT NULL,
        ends_at     timestamptz NOT NULL CHECK (ends_at > starts_at),
        reason      text        NOT NULL,
        emergency   boolean     NOT NULL,
        status      text        NOT NULL CHECK (status IN ('scheduled', 'active', 'ended', 'cancelled')),
        ended_at    timestamptz,
        actor       text        NOT NULL,
        bulk_job_id uuid,
        created_at  timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX maintenance_windows_open_idx ON maintenance_windows (starts_at) WHERE status IN ('scheduled', 'active')`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS maintenance_windows');
    await runner.query('DROP TABLE IF EXISTS bulk_job_items');
    await runner.query('DROP TABLE IF EXISTS bulk_jobs');
  }
}
