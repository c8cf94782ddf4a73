import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Envelope encryption: each tenant's data key, wrapped by a master key (whose id is kept, so a
 * rotation knows what is left to re-wrap). Secrets sealed before it are re-sealed by
 * RotateMasterKeyUseCase (at start, or rotate-keys.js), not here: that needs the keys.
 */
export class TenantDataKeys1764900000000 implements MigrationInterface {
  name = 'TenantDataKeys1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE tenant_data_key (
        tenant_id uuid PRIMARY KEY,
        wrapped_key text NOT NULL,
        master_key_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        rewrapped_at timestamptz
      )`);
    await runner.query(`CREATE INDEX tenant_data_key_master ON tenant_data_key (master_key_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE IF EXISTS tenant_data_key`);
  }
}
