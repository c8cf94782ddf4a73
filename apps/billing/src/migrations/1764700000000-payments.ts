/**
 * Payments: tenants' payment methods (a provider token and display fields only — never a card
 * number), one row per charge attempt with its idempotency key (unique per tenant, so a retried
 * charge is the same attempt), the automatic collection schedule (first charge and retries), and the sandbox provider's own tables (its vault of tokens and its
 * charges, unique by idempotency key: the provider side of "never collect twice").
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Payments1764700000000 implements MigrationInterface {
  name = 'Payments1764700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE payment_methods (
        id             uuid PRIMARY KEY,
        tenant_id      uuid        NOT NULL,
        provider       text        NOT NULL,
        provider_token text        NOT NULL UNIQUE,
        brand          text        NOT NULL,
        last4          char(4)     NOT NULL CHECK (last4 ~ '^[0-9]{4}$'),
        exp_month      integer     NOT NULL CHECK (exp_month BETWEEN 1 AND 12),
        exp_year       integer     NOT NULL,
        is_default     boolean     NOT NULL DEFAULT false,
        created_at     timestamptz NOT NULL,
        detached_at    timestamptz,
        -- the order methods were attached in (created_at comes from the clock and may repeat)
        seq            bigint      GENERATED ALWAYS AS IDENTITY
      )`);
    await runner.query(`CREATE INDEX payment_methods_tenant ON payment_methods (tenant_id) WHERE detached_at IS NULL`);
    await runner.query(`CREATE UNIQUE INDEX payment_methods_one_default ON payment_methods (tenant_id) WHERE is_default AND detached_at IS NULL`);
    await runner.query(`
      CREATE TABLE payments (
        id                 uuid PRIMARY KEY,
        tenant_id          uuid          NOT NULL,
        invoice_id         uuid          NOT NULL REFERENCES invoices (id),
        payment_method_id  uuid          NOT NULL REFERENCES payment_methods (id),
        idempotency_key    text          NOT NULL,
        provider_charge_id text,
        amount             numeric(20,6) NOT NULL CHECK (amount > 0),
        currency           char(3)       NOT NULL,
        status             text          NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
        failure_code       text,
        attempt            integer       NOT NULL CHECK (attempt > 0),
        created_at         timestamptz   NOT NULL,
        settled_at         timestamptz,
        UNIQUE (tenant_id, idempotency_key),
        UNIQUE (invoice_id, attempt)
      )`);
    // At most one charge in flight per invoice, and at most one that collected.
    await runner.query(`CREATE UNIQUE INDEX payments_one_pending ON payments (invoice_id) WHERE status = 'pending'`);
    await runner.query(`CREATE UNIQUE INDEX payments_one_success ON payments (invoice_id) WHERE status = 'succeeded'`);
    // Automatic collection: one row per finalized invoice with a total to collect, until it is paid
    // or its retries are spent. next_attempt_at NULL: an attempt is in flight, or none is left.
    await runner.query(`
      CREATE TABLE collections (
        invoice_id      uuid PRIMARY KEY REFERENCES invoices (id),
        tenant_id       uuid        NOT NULL,
        next_attempt_at timestamptz,
        first_failed_at timestamptz,
        failures        integer     NOT NULL DEFAULT 0 CHECK (failures >= 0),
        created_at      timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX collections_due ON collections (next_attempt_at) WHERE next_attempt_at IS NOT NULL`);
    // The sandbox provider's side (a stand-in for the processor's systems): what a token stands for
    // (the card's behaviour, never its number) and its charges, one per idempotency key.
    await runner.query(`
      CREATE TABLE sandbox_cards (
        token      text PRIMARY KEY,
        behaviour  text        NOT NULL CHECK (behaviour IN ('succeed', 'decline', 'insufficient_funds')),
        created_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE sandbox_charges (
        id              text PRIMARY KEY,
        idempotency_key text        NOT NULL UNIQUE,
        token           text        NOT NULL REFERENCES sandbox_cards (token),
        amount_minor    bigint      NOT NULL CHECK (amount_minor > 0),
        currency        char(3)     NOT NULL,
        status          text        NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
        failure_code    text,
        created_at      timestamptz NOT NULL,
        settled_at      timestamptz
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE IF EXISTS sandbox_charges`);
    await runner.query(`DROP TABLE IF EXISTS sandbox_cards`);
    await runner.query(`DROP TABLE IF EXISTS collections`);
    await runner.query(`DROP TABLE IF EXISTS payments`);
    await runner.query(`DROP TABLE IF EXISTS payment_methods`);
  }
}
