/**
 * Invoice corrections: voiding (the invoice keeps its number), credit notes with their own gapless
 * number series (immutable once issued; a `credit` one is a balance the tenant's next invoices use up
 * through `credit_applied` lines, a `refund` one goes back through the payment provider), adjustment
 * lines naming the past period whose late usage they bill, and the sandbox provider's refunds.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreditNotes1765000000200 implements MigrationInterface {
  name = 'CreditNotes1765000000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE invoices ADD COLUMN voided_at timestamptz, ADD COLUMN void_idempotency_key text`);
    await runner.query(`ALTER TABLE invoice_lines DROP CONSTRAINT invoice_lines_kind_check`);
    await runner.query(`ALTER TABLE invoice_lines ADD CONSTRAINT invoice_lines_kind_check CHECK (kind IN ('base', 'proration_credit', 'proration_charge', 'usage', 'adjustment', 'credit_applied'))`);
    await runner.query(`ALTER TABLE invoice_lines ADD COLUMN adjusts_period date, ADD CONSTRAINT invoice_lines_adjustment_period CHECK ((kind = 'adjustment') = (adjusts_period IS NOT NULL))`);
    await runner.query(`CREATE TABLE credit_note_numbers (id integer PRIMARY KEY CHECK (id = 1), last_number bigint NOT NULL)`);
    await runner.query(`INSERT INTO credit_note_numbers (id, last_number) VALUES (1, 0)`);
    await runner.query(`
      CREATE TABLE credit_notes (
        id                 uuid          PRIMARY KEY,
        tenant_id          uuid          NOT NULL,
        invoice_id         uuid          NOT NULL REFERENCES invoices (id),
        number             text          NOT NULL UNIQUE,
        reason             text          NOT NULL CHECK (reason IN ('duplicate', 'fraudulent', 'order_change', 'product_unsatisfactory', 'other')),
        memo               text,
        amount             numeric(20,6) NOT NULL CHECK (amount > 0),
        currency           char(3)       NOT NULL,
        method             text          NOT NULL CHECK (method IN ('credit', 'refund')),
        idempotency_key    text          NOT NULL,
        refund_status      text          CHECK (refund_status IN ('pending', 'succeeded')),
        provider_refund_id text,
        created_at         timestamptz   NOT NULL,
        UNIQUE (tenant_id, idempotency_key),
        CHECK ((method = 'refund') = (refund_status IS NOT NULL))
      )`);
    await runner.query(`CREATE INDEX credit_notes_invoice ON credit_notes (invoice_id, created_at)`);
    await runner.query(`CREATE INDEX credit_notes_tenant_credit ON credit_notes (tenant_id) WHERE method = 'credit'`);
    // Issued is final: only the refund's progress may change.
    await runner.query(`
      CREATE FUNCTION credit_note_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR NEW.amount <> OLD.amount OR NEW.number <> OLD.number OR NEW.invoice_id <> OLD.invoice_id OR NEW.tenant_id <> OLD.tenant_id
            OR NEW.method <> OLD.method OR NEW.reason <> OLD.reason OR NEW.currency <> OLD.currency THEN
          RAISE EXCEPTION 'credit note % is issued and cannot change', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await runner.query(`CREATE TRIGGER credit_notes_immutable BEFORE UPDATE OR DELETE ON credit_notes FOR EACH ROW EXECUTE FUNCTION credit_note_immutable()`);
    await runner.query(`
      CREATE TABLE sandbox_refunds (
        id              text PRIMARY KEY,
        idempotency_key text        NOT NULL UNIQUE,
        charge_id       text        NOT NULL REFERENCES sandbox_charges (id),
        amount_minor    bigint      NOT NULL CHECK (amount_minor > 0),
        currency        char(3)     NOT NULL,
        created_at      timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE IF EXISTS sandbox_refunds`);
    await runner.query(`DROP TABLE IF EXISTS credit_notes`);
    await runner.query(`DROP FUNCTION IF EXISTS credit_note_immutable()`);
    await runner.query(`DROP TABLE IF EXISTS credit_note_numbers`);
    await runner.query(`ALTER TABLE invoice_lines DROP CONSTRAINT invoice_lines_adjustment_period, DROP COLUMN adjusts_period`);
    await runner.query(`DELETE FROM invoice_lines WHERE kind = 'credit_applied'`);
    await runner.query(`ALTER TABLE invoice_lines DROP CONSTRAINT invoice_lines_kind_check`);
    await runner.query(`ALTER TABLE invoice_lines ADD CONSTRAINT invoice_lines_kind_check CHECK (kind IN ('base', 'proration_credit', 'proration_charge', 'usage', 'adjustment'))`);
    await runner.query(`ALTER TABLE invoices DROP COLUMN void_idempotency_key, DROP COLUMN voided_at`);
  }
}
