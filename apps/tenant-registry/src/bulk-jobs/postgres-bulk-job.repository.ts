/** Raw SQL against tenant_registry.bulk_jobs and bulk_job_items. */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { entityManagerOf, Transaction } from '@tenantry/persistence';
import { BulkItemStatus, BulkJob, BulkJobCounts, BulkJobItem, BulkJobStatus } from './bulk-job.row';
import { BulkJobRepository } from './bulk-job.repository';
import { BulkAction, BulkSelection } from './bulk-request';

interface JobRow {
  id: string;
  action: BulkAction;
  selection: BulkSelection;
  status: BulkJobStatus;
  actor: string;
  request_id: string | null;
  created_at: Date;
  finished_at: Date | null;
}

interface ItemRow {
  job_id: string;
  position: number;
  tenant_id: string;
  status: BulkItemStatus;
  result: Record<string, unknown> | null;
  error: Record<string, unknown> | null;
  updated_at: Date | null;
}

const toJob = (row: JobRow): BulkJob => ({ id: row.id, action: row.action, selection: row.selection, status: row.status, actor: row.actor, requestId: row.request_id, createdAt: row.created_at, finishedAt: row.finished_at });
const toItem = (row: ItemRow): BulkJobItem => ({ jobId: row.job_id, position: row.position, tenantId: row.tenant_id, status: row.status, result: row.result, error: row.error, updatedAt: row.updated_at });
const ITEM_COLUMNS = 'job_id, position, tenant_id, status, result, error, updated_at';

@Injectable()
export class PostgresBulkJobRepository extends BulkJobRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async insertJob(tx: Transaction, job: BulkJob, tenantIds: string[]): Promise<void> {
    const manager = entityManagerOf(tx);
    await manager.query(`INSERT INTO bulk_jobs (id, action, selection, status, actor, request_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      job.id,
      JSON.stringify(job.action),
      JSON.stringify(job.selection),
      job.status,
      job.actor,
      job.requestId,
      job.createdAt,
    ]);
    await manager.query(`INSERT INTO bulk_job_items (job_id, position, tenant_id, status) SELECT $1, ordinality::int, id, 'pending' FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, ordinality)`, [job.id, tenantIds]);
  }

  async findJob(id: string): Promise<BulkJob | null> {
    const rows = (await this.dataSource.query(`SELECT * FROM bulk_jobs WHERE id = $1`, [id])) as JobRow[];
    return rows[0] ? toJob(rows[0]) : null;
  }

  async counts(id: string): Promise<BulkJobCounts> {
    const rows = (await this.dataSource.query(`SELECT status, count(*)::int AS n FROM bulk_job_items WHERE job_id = $1 GROUP BY status`, [id])) as { status: BulkItemStatus; n: number }[];
    const counts: BulkJobCounts = { total: 0, pending: 0, succeeded: 0, failed: 0, cancelled: 0 };
    for (const row of rows) {
      counts[row.status] = row.n;
      counts.total += row.n;
    }
    return counts;
  }

  async items(id: string): Promise<BulkJobItem[]> {
    return ((await this.dataSource.query(`SELECT ${ITEM_COLUMNS} FROM bulk_job_items WHERE job_id = $1 ORDER BY position`, [id])) as ItemRow[]).map(toItem);
  }

  async runningJobIds(): Promise<string[]> {
    return ((await this.dataSource.query(`SELECT id FROM bulk_jobs WHERE status = 'running' ORDER BY created_at`)) as { id: string }[]).map((row) => row.id);
  }

  async lockNextPending(tx: Transaction, jobId: string): Promise<{ item: BulkJobItem; jobStatus: string } | null> {
    const manager = entityManagerOf(tx);
    const rows = (await manager.query(`SELECT ${ITEM_COLUMNS} FROM bulk_job_items WHERE job_id = $1 AND status = 'pending' ORDER BY position LIMIT 1 FOR UPDATE SKIP LOCKED`, [jobId])) as ItemRow[];
    if (!rows[0]) return null;
    const job = (await manager.query(`SELECT status FROM bulk_jobs WHERE id = $1`, [jobId])) as { status: string }[];
    return { item: toItem(rows[0]), jobStatus: job[0]?.status ?? 'cancelled' };
  }

  async finishItem(tx: Transaction, jobId: string, position: number, status: BulkItemStatus, outcome: { result?: Record<string, unknown>; error?: Record<string, unknown> }, at: Date): Promise<boolean> {
    const [, affected] = (await entityManagerOf(tx).query(`UPDATE bulk_job_items SET status = $3, result = $4, error = $5, updated_at = $6 WHERE job_id = $1 AND position = $2 AND status = 'pending'`, [
      jobId,
      position,
      status,
      outcome.result ? JSON.stringify(outcome.result) : null,
      outcome.error ? JSON.stringify(outcome.error) : null,
      at,
    ])) as [unknown, number];
    return affected === 1;
  }

  async completeIfDone(jobId: string, at: Date): Promise<boolean> {
    const [, affected] = (await this.dataSource.query(
      `UPDATE bulk_jobs SET status = 'completed', finished_at = $2 WHERE id = $1 AND status = 'running' AND NOT EXISTS (SELECT 1 FROM bulk_job_items WHERE job_id = $1 AND status = 'pending')`,
      [jobId, at],
    )) as [unknown, number];
    return affected === 1;
  }

  async cancel(tx: Transaction, jobId: string, at: Date): Promise<boolean> {
    const manager = entityManagerOf(tx);
    const [, affected] = (await manager.query(`UPDATE bulk_jobs SET status = 'cancelled', finished_at = $2 WHERE id = $1 AND status = 'running'`, [jobId, at])) as [unknown, number];
    if (affected !== 1) return false;
    await manager.query(`UPDATE bulk_job_items SET status = 'cancelled', updated_at = $2 WHERE job_id = $1 AND status = 'pending'`, [jobId, at]);
    return true;
  }
}
