/**
 * Webhooks: endpoints (signing secrets sealed, the previous one kept for 24 h after a rotation),
 * the events received from the suite's topics (for replay), one delivery per endpoint and event
 * (unique: written before the first attempt, so a retry or a redelivered Kafka message never makes a
 * second one) and every attempt with its outcome.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Webhooks1765000000700 implements MigrationInterface {
  name = 'Webhooks1765000000700';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE webhook_endpoints (
        id                         uuid PRIMARY KEY,
        tenant_id                  uuid,
        url                        text        NOT NULL,
        event_types                text[]      NOT NULL,
        description                text        NOT NULL DEFAULT '',
        enabled                    boolean     NOT NULL DEFAULT true,
        disabled_reason            text,
        secret_sealed              text        NOT NULL,
        previous_secret_sealed     text,
        previous_secret_expires_at timestamptz,
        failing_since              timestamptz,
        created_at                 timestamptz NOT NULL,
        updated_at                 timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX webhook_endpoints_tenant ON webhook_endpoints (tenant_id)`);
    await runner.query(`
      CREATE TABLE webhook_events (
        id          text PRIMARY KEY,
        type        text        NOT NULL,
        tenant_id   uuid,
        occurred_at timestamptz NOT NULL,
        body        text        NOT NULL
      )`);
    await runner.query(`CREATE INDEX webhook_events_time ON webhook_events (occurred_at)`);
    await runner.query(`
      CREATE TABLE webhook_deliveries (
        id              uuid PRIMARY KEY,
        endpoint_id     uuid        NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
        tenant_id       uuid,
        event_id        text        NOT NULL,
        event_type      text        NOT NULL,
        body            text        NOT NULL,
        status          text        NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
        attempt_count   integer     NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        created_at      timestamptz NOT NULL,
        UNIQUE (endpoint_id, event_id)
      )`);
    await runner.query(`CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`);
    await runner.query(`CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at DESC)`);
    await runner.query(`
      CREATE TABLE webhook_attempts (
        id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        delivery_id      uuid        NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
        attempted_at     timestamptz NOT NULL,
        status_code      integer,
        latency_ms       integer     NOT NULL,
        error            text,
        response_excerpt text
      )`);
    await runner.query(`CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE webhook_attempts`);
    await runner.query(`DROP TABLE webhook_deliveries`);
    await runner.query(`DROP TABLE webhook_events`);
    await runner.query(`DROP TABLE webhook_endpoints`);
  }
}
