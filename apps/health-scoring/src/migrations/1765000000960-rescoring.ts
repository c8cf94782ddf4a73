/**
 * Coalesced rescoring: the usage stream marks its tenants dirty here (one row per tenant, however
 * many events) in the transaction that folds the events into the daily totals; the rescoring job
 * takes the marks in small chunks and recomputes each tenant once.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Rescoring1765000000960 implements MigrationInterface {
  name = 'Rescoring1765000000960';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE dirty_tenants (tenant_id uuid PRIMARY KEY, marked_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE dirty_tenants`);
  }
}
