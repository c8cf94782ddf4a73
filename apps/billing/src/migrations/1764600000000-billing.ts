/**
 * Billing's own tables: the plan catalogue (immutable versions), billing accounts (currency, tax
 * rate), subscriptions and their change history, usage totals fed from UsageRecorded (billing never
 * reads metering's tables), billing runs, invoices with their lines, and the gapless invoice counter.
 * Payments, payment methods, credit notes and dunning come later (see apps/billing/README.md).
 */
import { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_PLANS } from '../catalogue/default-plans';

export class Billing1764600000000 implements MigrationInterface {
  name = 'Billing1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE plans (
        id              text PRIMARY KEY,
        current_version integer     NOT NULL,
        created_at      timestamptz NOT NULL,
        updated_at      timestamptz NOT NULL
      )`);
    // A version is never updated: a change inserts the next one, and subscriptions keep theirs.
    await runner.query(`
      CREATE TABLE plan_versions (
        plan_id    text          NOT NULL REFERENCES plans (id),
        version    integer       NOT NULL CHECK (version > 0),
        name       text          NOT NULL,
        base_price numeric(20,6) NOT NULL CHECK (base_price >= 0),
        trial_days integer       CHECK (trial_days IS NULL OR trial_days > 0),
        charges    jsonb         NOT NULL DEFAULT '[]',
        created_at timestamptz   NOT NULL,
        PRIMARY KEY (plan_id, version)
      )`);
    for (const plan of DEFAULT_PLANS) {
      await runner.query(`INSERT INTO plans (id, current_version, created_at, updated_at) VALUES ($1, 1, now(), now())`, [plan.id]);
      await runner.query(`INSERT INTO plan_versions (plan_id, version, name, base_price, trial_days, charges, created_at) VALUES ($1, 1, $2, $3, $4, $5, now())`, [
        plan.id,
        plan.name,
        plan.basePrice,
        plan.trialDays,
        JSON.stringify(plan.charges),
      ]);
    }

    // The billing profile: one currency per tenant for life, and its tax rate (a fraction).
    await runner.query(`
      CREATE TABLE billing_accounts (
        tenant_id  uuid         PRIMARY KEY,
        name       text         NOT NULL,
        currency   char(3)      NOT NULL,
        tax_rate   numeric(7,6) NOT NULL DEFAULT 0 CHECK (tax_rate >= 0 AND tax_rate < 1),
        created_at timestamptz  NOT NULL,
        updated_at timestamptz  NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE subscriptions (
        id                   uuid        PRIMARY KEY,
        tenant_id            uuid        NOT NULL UNIQUE REFERENCES billing_accounts (tenant_id),
        plan_id              text        NOT NULL,
        plan_version         integer     NOT NULL,
        status               text        NOT NULL CHECK (status IN ('trialing', 'active', 'canceled')),
        started_at           timestamptz NOT NULL,
        trial_ends_at        timestamptz,
        current_period_start date        NOT NULL,
        pending_plan_id      text,
        pending_plan_version integer,
        version              integer     NOT NULL DEFAULT 1,
        created_at           timestamptz NOT NULL,
        updated_at           timestamptz NOT NULL,
        FOREIGN KEY (plan_id, plan_version) REFERENCES plan_versions (plan_id, version),
        FOREIGN KEY (pending_plan_id, pending_plan_version) REFERENCES plan_versions (plan_id, version)
      )`);
    await runner.query(`CREATE INDEX subscriptions_due ON subscriptions (current_period_start)`);
    // Every change of plan, effective at `at`, so an invoice can be recomputed from history (the plan at
    // the start of its period, upgrades inside it). A scheduled downgrade is a row in the future.
    await runner.query(`
      CREATE TABLE subscription_changes (
        id                bigserial   PRIMARY KEY,
        subscription_id   uuid        NOT NULL REFERENCES subscriptions (id),
        tenant_id         uuid        NOT NULL,
        kind              text        NOT NULL CHECK (kind IN ('created', 'upgrade', 'downgrade')),
        at                timestamptz NOT NULL,
        from_plan_id      text,
        from_plan_version integer,
        to_plan_id        text        NOT NULL,
        to_plan_version   integer     NOT NULL
      )`);
    await runner.query(`CREATE INDEX subscription_changes_at ON subscription_changes (tenant_id, at)`);

    // Usage as billing counts it: deduplicated by (tenant, source, eventId) like metering, totals per period.
    await runner.query(`
      CREATE TABLE usage_seen (
        tenant_id    uuid NOT NULL,
        source       text NOT NULL,
        event_id     text NOT NULL,
        period_start date NOT NULL,
        PRIMARY KEY (tenant_id, source, event_id)
      )`);
    await runner.query(`
      CREATE TABLE usage_members (
        tenant_id    uuid NOT NULL,
        period_start date NOT NULL,
        metric       text NOT NULL,
        member       text NOT NULL,
        PRIMARY KEY (tenant_id, period_start, metric, member)
      )`);
    await runner.query(`
      CREATE TABLE usage_totals (
        tenant_id    uuid        NOT NULL,
        period_start date        NOT NULL,
        metric       text        NOT NULL,
        value        numeric     NOT NULL CHECK (value >= 0),
        latest_at    timestamptz NOT NULL,
        events       bigint      NOT NULL,
        updated_at   timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, period_start, metric)
      )`);

    await runner.query(`
      CREATE TABLE billing_runs (
        id                 uuid        PRIMARY KEY,
        trigger            text        NOT NULL CHECK (trigger IN ('api', 'schedule')),
        dry_run            boolean     NOT NULL,
        status             text        NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
        started_at         timestamptz NOT NULL,
        finished_at        timestamptz,
        subscriptions      integer     NOT NULL DEFAULT 0,
        invoices_created   integer     NOT NULL DEFAULT 0,
        invoices_updated   integer     NOT NULL DEFAULT 0,
        invoices_unchanged integer     NOT NULL DEFAULT 0,
        invoices_finalized integer     NOT NULL DEFAULT 0,
        preview            jsonb,
        error              text
      )`);

    // One row, locked by the finalizing transaction: numbers commit with their invoice or not at all.
    await runner.query(`CREATE TABLE invoice_numbers (id smallint PRIMARY KEY CHECK (id = 1), last_number bigint NOT NULL)`);
    await runner.query(`INSERT INTO invoice_numbers (id, last_number) VALUES (1, 0)`);
    await runner.query(`
      CREATE TABLE invoices (
        id              uuid          PRIMARY KEY,
        tenant_id       uuid          NOT NULL,
        subscription_id uuid          NOT NULL REFERENCES subscriptions (id),
        period_start    date          NOT NULL,
        period_end      date          NOT NULL,
        status          text          NOT NULL CHECK (status IN ('draft', 'finalized', 'voided')),
        payment_status  text          CHECK (payment_status IN ('pending', 'succeeded', 'failed')),
        number          text          UNIQUE,
        currency        char(3)       NOT NULL,
        tax_rate        numeric(7,6)  NOT NULL,
        subtotal        numeric(20,6) NOT NULL,
        tax             numeric(20,6) NOT NULL,
        total           numeric(20,6) NOT NULL,
        plan_id         text          NOT NULL,
        plan_version    integer       NOT NULL,
        billable_from   timestamptz   NOT NULL,
        revision        integer       NOT NULL DEFAULT 1,
        grace_ends_at   timestamptz   NOT NULL,
        finalized_at    timestamptz,
        due_at          timestamptz,
        created_at      timestamptz   NOT NULL,
        updated_at      timestamptz   NOT NULL,
        UNIQUE (subscription_id, period_start),
        CHECK (status = 'draft' OR number IS NOT NULL)
      )`);
    await runner.query(`CREATE INDEX invoices_tenant ON invoices (tenant_id, period_start DESC)`);
    await runner.query(`CREATE INDEX invoices_drafts ON invoices (grace_ends_at) WHERE status = 'draft'`);
    await runner.query(`
      CREATE TABLE invoice_lines (
        invoice_id  uuid          NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
        position    integer       NOT NULL,
        kind        text          NOT NULL CHECK (kind IN ('base', 'proration_credit', 'proration_charge', 'usage', 'adjustment')),
        description text          NOT NULL,
        plan_id     text,
        metric      text,
        quantity    numeric       NOT NULL,
        amount      numeric(20,6) NOT NULL,
        PRIMARY KEY (invoice_id, position)
      )`);
    // A finalized invoice is immutable: its amounts, number and lines (only status may go on to voided,
    // and payment_status / due_at change with payments).
    await runner.query(`
      CREATE FUNCTION invoice_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status <> 'draft' AND (NEW.number IS DISTINCT FROM OLD.number OR NEW.total <> OLD.total OR NEW.subtotal <> OLD.subtotal
            OR NEW.tax <> OLD.tax OR NEW.period_start <> OLD.period_start OR NEW.status = 'draft') THEN
          RAISE EXCEPTION 'invoice % is finalized and cannot change', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await runner.query(`CREATE TRIGGER invoices_immutable BEFORE UPDATE ON invoices FOR EACH ROW EXECUTE FUNCTION invoice_immutable()`);
    await runner.query(`
      CREATE FUNCTION invoice_lines_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM invoices WHERE id = COALESCE(NEW.invoice_id, OLD.invoice_id) AND status <> 'draft') THEN
          RAISE EXCEPTION 'lines of a finalized invoice cannot change' USING ERRCODE = 'check_violation';
        END IF;
        RETURN COALESCE(NEW, OLD);
      END $$`);
    await runner.query(`CREATE TRIGGER invoice_lines_immutable BEFORE INSERT OR UPDATE OR DELETE ON invoice_lines FOR EACH ROW EXECUTE FUNCTION invoice_lines_immutable()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['invoice_lines', 'invoices', 'invoice_numbers', 'billing_runs', 'usage_totals', 'usage_members', 'usage_seen', 'subscription_changes', 'subscriptions', 'billing_accounts', 'plan_versions', 'plans']) {
      await runner.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await runner.query(`DROP FUNCTION IF EXISTS invoice_immutable()`);
    await runner.query(`DROP FUNCTION IF EXISTS invoice_lines_immutable()`);
  }
}
