/**
 * Dunning: one episode per stretch of non-payment of a tenant (from its first overdue invoice until
 * every overdue invoice is paid; at most one open per tenant), and each ladder step taken in it,
 * once — the primary key is what makes a step happen exactly once, whatever runs it.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Dunning1765000000050 implements MigrationInterface {
  name = 'Dunning1765000000050';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE dunning_episodes (
        id            uuid PRIMARY KEY,
        tenant_id     uuid        NOT NULL,
        overdue_since timestamptz NOT NULL,
        opened_at     timestamptz NOT NULL,
        closed_at     timestamptz
      )`);
    await runner.query(`CREATE UNIQUE INDEX dunning_one_open_episode ON dunning_episodes (tenant_id) WHERE closed_at IS NULL`);
    await runner.query(`CREATE INDEX dunning_episodes_tenant ON dunning_episodes (tenant_id, opened_at DESC)`);
    await runner.query(`
      CREATE TABLE dunning_steps (
        episode_id   uuid        NOT NULL REFERENCES dunning_episodes (id),
        tenant_id    uuid        NOT NULL,
        step         text        NOT NULL CHECK (step IN ('warning', 'suspended', 'inactive', 'written_off')),
        days_overdue integer     NOT NULL CHECK (days_overdue >= 0),
        taken_at     timestamptz NOT NULL,
        PRIMARY KEY (episode_id, step)
      )`);
    // Overdue invoices are looked up by payment status; the first failed charge by invoice.
    await runner.query(`CREATE INDEX invoices_unpaid ON invoices (tenant_id) WHERE status = 'finalized' AND payment_status IN ('pending', 'failed')`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX IF EXISTS invoices_unpaid`);
    await runner.query(`DROP TABLE IF EXISTS dunning_steps`);
    await runner.query(`DROP TABLE IF EXISTS dunning_episodes`);
  }
}
