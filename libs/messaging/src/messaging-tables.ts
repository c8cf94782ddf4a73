/** The outbox and inbox tables every service keeps in its own schema, created by its first migration. */
import { MigrationInterface, QueryRunner } from 'typeorm';

export async function createMessagingTables(runner: QueryRunner): Promise<void> {
  await runner.query(`
    CREATE TABLE outbox (
      id           bigserial PRIMARY KEY,
      event_id     uuid        NOT NULL UNIQUE,
      event_type   text        NOT NULL,
      topic        text        NOT NULL,
      message_key  text        NOT NULL,
      shard        smallint    NOT NULL,
      headers      jsonb       NOT NULL,
      payload      jsonb       NOT NULL,
      created_at   timestamptz NOT NULL DEFAULT now()
    )`);
  await runner.query(`CREATE INDEX outbox_shard_id_idx ON outbox (shard, id)`);
  await runner.query(`
    CREATE TABLE inbox (
      consumer_group text        NOT NULL,
      event_id       text        NOT NULL,
      event_type     text        NOT NULL,
      processed_at   timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer_group, event_id)
    )`);
  await runner.query(`CREATE INDEX inbox_processed_at_idx ON inbox (processed_at)`);
}

export async function dropMessagingTables(runner: QueryRunner): Promise<void> {
  await runner.query('DROP TABLE IF EXISTS inbox');
  await runner.query('DROP TABLE IF EXISTS outbox');
}

/** The first migration of every service: list it in the service's migrations. */
export class MessagingTables1764288000000 implements MigrationInterface {
  name = 'MessagingTables1764288000000';

  async up(runner: QueryRunner): Promise<void> {
    await createMessagingTables(runner);
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropMessagingTables(runner);
  }
}
