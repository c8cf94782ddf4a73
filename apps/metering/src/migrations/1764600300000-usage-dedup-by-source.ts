/**
 * The dedup key of usage events takes their source: (tenant, source, event id, day). Before, one
 * key space held every source's ids, so a client could send an id the collector was about to use
 * (they are predictable) and turn the collector's reading into a "duplicate".
 *
 * On the partitioned table the new key is built on every partition (the retention keeps about a
 * month of days) in the migration's transaction; the aggregation and ingestion's duplicate lookup
 * wait for it meanwhile. Existing rows all fit the new key: it is the old one plus a column.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class UsageDedupBySource1764600300000 implements MigrationInterface {
  name = 'UsageDedupBySource1764600300000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE usage_event DROP CONSTRAINT usage_event_pkey`);
    await runner.query(`ALTER TABLE usage_event ADD CONSTRAINT usage_event_pkey PRIMARY KEY (tenant_id, source, event_id, occurred_on)`);
  }

  /** Fails if an event id is now used by two sources of one tenant on one day (as it may be). */
  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE usage_event DROP CONSTRAINT usage_event_pkey`);
    await runner.query(`ALTER TABLE usage_event ADD CONSTRAINT usage_event_pkey PRIMARY KEY (tenant_id, event_id, occurred_on)`);
  }
}
