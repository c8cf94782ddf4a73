/** Payment provider callbacks already applied, by the provider's event id: a callback delivered again changes nothing. */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProviderEvents1765000000400 implements MigrationInterface {
  name = 'ProviderEvents1765000000400';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE payment_provider_events (
        provider    text        NOT NULL,
        event_id    text        NOT NULL,
        received_at timestamptz NOT NULL,
        PRIMARY KEY (provider, event_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE IF EXISTS payment_provider_events`);
  }
}
