/** Billing runs on PostgreSQL (billing.billing_runs). Progress is written outside the per-subscription transactions, so it shows while a run goes. */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BillingRunRepository } from './billing-run.repository';
import { BillingRun, InvoiceOutcome, RunCounters } from './billing-run.row';

interface Row {
  id: string;
  trigger: 'api' | 'schedule';
  dry_run: boolean;
  status: BillingRun['status'];
  started_at: Date;
  finished_at: Date | null;
  subscriptions: number;
  invoices_created: number;
  invoices_updated: number;
  invoices_unchanged: number;
  invoices_finalized: number;
  preview: (Omit<InvoiceOutcome, 'periodStart'> & { periodStart: string })[] | null;
  error: string | null;
}

@Injectable()
export class PostgresBillingRunRepository extends BillingRunRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async create(run: BillingRun): Promise<void> {
    await this.dataSource.query(`INSERT INTO billing_runs (id, trigger, dry_run, status, started_at) VALUES ($1, $2, $3, 'running', $4)`, [run.id, run.trigger, run.dryRun, run.startedAt.toISOString()]);
  }

  async progress(runId: string, d: RunCounters): Promise<void> {
    await this.dataSource.query(
      `UPDATE billing_runs SET subscriptions = subscriptions + $2, invoices_created = invoices_created + $3, invoices_updated = invoices_updated + $4,
         invoices_unchanged = invoices_unchanged + $5, invoices_finalized = invoices_finalized + $6 WHERE id = $1`,
      [runId, d.subscriptions, d.created, d.updated, d.unchanged, d.finalized],
    );
  }

  async finish(runId: string, status: 'completed' | 'failed', at: Date, preview: InvoiceOutcome[] | null, error: string | null): Promise<void> {
    await this.dataSource.query(`UPDATE billing_runs SET status = $2, finished_at = $3, preview = $4, error = $5 WHERE id = $1`, [runId, status, at.toISOString(), preview && JSON.stringify(preview), error]);
  }

  async find(runId: string): Promise<BillingRun | undefined> {
    const rows = (await this.dataSource.query(`SELECT * FROM billing_runs WHERE id = $1`, [runId])) as Row[];
    const r = rows[0];
    return (
      r && {
        id: r.id,
        trigger: r.trigger,
        dryRun: r.dry_run,
        status: r.status,
        startedAt: new Date(r.started_at),
        finishedAt: r.finished_at && new Date(r.finished_at),
        subscriptions: r.subscriptions,
        created: r.invoices_created,
        updated: r.invoices_updated,
        unchanged: r.invoices_unchanged,
        finalized: r.invoices_finalized,
        preview: r.preview && r.preview.map((p) => ({ ...p, periodStart: new Date(p.periodStart) })),
        error: r.error,
      }
    );
  }
}
