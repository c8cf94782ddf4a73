/**
 * Dirty marks without a key: the usage stream appends one row per tenant and batch, never waiting
 * on a mark the rescoring job holds. With the tenant as primary key, a batch marking a tenant whose
 * mark a rescoring transaction had deleted waited for that whole transaction (the recomputation of
 * its chunk) to end — on the stream's hot path, nearly every batch.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class DirtyMarks1765000000980 implements MigrationInterface {
  name = 'DirtyMarks1765000000980';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE dirty_tenants DROP CONSTRAINT dirty_tenants_pkey`);
    await runner.query(`CREATE INDEX dirty_tenants_tenant ON dirty_tenants (tenant_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX dirty_tenants_tenant`);
    await runner.query(`DELETE FROM dirty_tenants d USING dirty_tenants e WHERE d.tenant_id = e.tenant_id AND d.ctid > e.ctid`);
    await runner.query(`ALTER TABLE dirty_tenants ADD PRIMARY KEY (tenant_id)`);
  }
}
