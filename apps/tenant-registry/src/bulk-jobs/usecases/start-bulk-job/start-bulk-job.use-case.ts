/**
 * Resolves the selection (an explicit list, or every tenant a filter of GET /tenants matches, up to
 * BULK_JOB_MAX_TENANTS), then either previews the action per tenant (dry run: nothing is written)
 * or stores the job with one pending item per tenant for the runner.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { tenantScope, Transactions } from '@tenantry/persistence';
import { Clock, invalidField } from '@tenantry/service';
import { TenantRegistryConfig } from '../../../tenant-registry.config';
import { findPlanOrFail } from '../../../tenants/plan-defaults';
import { TenantKeyset, TenantRepository } from '../../../tenants/tenant.repository';
import { BulkActionApplier, BulkOutcome } from '../../bulk-action-applier';
import { BulkJob } from '../../bulk-job.row';
import { itemError } from '../../bulk-job.mapper';
import { BulkJobRepository } from '../../bulk-job.repository';
import { BulkSelection } from '../../bulk-request';
import { StartBulkJobCommand } from './start-bulk-job.command';

const PAGE = 500;

export interface DryRunItem {
  tenantId: string;
  wouldSucceed: boolean;
  result?: BulkOutcome;
  error?: Record<string, unknown>;
}

export type StartBulkJobResult = { dryRun: true; total: number; items: DryRunItem[] } | { dryRun: false; job: BulkJob; total: number };

@Injectable()
export class StartBulkJobUseCase {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly jobs: BulkJobRepository,
    private readonly applier: BulkActionApplier,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly config: TenantRegistryConfig,
  ) {}

  async execute(command: StartBulkJobCommand): Promise<StartBulkJobResult> {
    const { request } = command;
    if (request.action.type === 'change-plan') await findPlanOrFail(this.tenants, request.action.plan);
    const tenantIds = await this.resolve(request.selection);
    if (tenantIds.length === 0) throw invalidField('selection', 'matches no tenant');
    if (request.dryRun) {
      const items: DryRunItem[] = [];
      for (const tenantId of tenantIds) {
        const tenant = await this.tenants.findTenant(tenantScope(tenantId));
        try {
          items.push({ tenantId, wouldSucceed: true, result: await this.applier.preview(request.action, tenant, tenantId) });
        } catch (error) {
          items.push({ tenantId, wouldSucceed: false, error: itemError(error) });
        }
      }
      return { dryRun: true, total: items.length, items };
    }
    const job: BulkJob = { id: randomUUID(), action: request.action, selection: request.selection, status: 'running', actor: command.by.actor, requestId: command.by.requestId, createdAt: this.clock.now(), finishedAt: null };
    await this.transactions.run((tx) => this.jobs.insertJob(tx, job, tenantIds));
    return { dryRun: false, job, total: tenantIds.length };
  }

  private async resolve(selection: BulkSelection): Promise<string[]> {
    if ('tenantIds' in selection) return selection.tenantIds;
    const max = this.config.BULK_JOB_MAX_TENANTS;
    const ids: string[] = [];
    let after: TenantKeyset | undefined;
    for (;;) {
      const rows = await this.tenants.listTenants({ limit: PAGE, sort: 'createdAt', after, status: selection.filter.status, planId: selection.filter.plan, search: selection.filter.q });
      ids.push(...rows.map((row) => row.tenant.id));
      if (ids.length > max) throw invalidField('selection.filter', `matches more than ${max} tenants (BULK_JOB_MAX_TENANTS); narrow it`);
      const last = rows[rows.length - 1];
      if (rows.length < PAGE || !last) return ids;
      after = { key: last.sortKey, id: last.tenant.id };
    }
  }
}
