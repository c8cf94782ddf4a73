/**
 * Recomputes every known tenant as of `now` (a transaction per chunk of tenants, set-based):
 * windows age, red-for-7-days and overdue invoices need no event to change a score. A failing
 * chunk is retried one tenant per transaction, so one tenant that cannot be scored (logged) does
 * not hold back the others.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from '@tenantry/observability';
import { Transactions } from '@tenantry/persistence';
import { LOGGER } from '@tenantry/service';
import { HealthRepository } from '../../../projection/health.repository';
import { RecomputeHealthUseCase } from '../recompute-health/recompute-health.use-case';
import { RecomputeAllCommand } from './recompute-all.command';

/** Tenants per transaction. */
const RECOMPUTE_CHUNK = 200;

@Injectable()
export class RecomputeAllUseCase {
  constructor(
    private readonly health: HealthRepository,
    private readonly recompute: RecomputeHealthUseCase,
    private readonly transactions: Transactions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(command: RecomputeAllCommand): Promise<number> {
    const tenants = await this.health.tenantIds();
    for (let i = 0; i < tenants.length; i += RECOMPUTE_CHUNK) {
      const chunk = tenants.slice(i, i + RECOMPUTE_CHUNK);
      try {
        await this.transactions.run((tx) => this.recompute.executeMany(chunk, command.now, tx));
      } catch (error) {
        this.logger.warn({ err: error, tenants: chunk.length }, 'recomputing a chunk failed; recomputing its tenants one at a time');
        for (const tenantId of chunk) {
          await this.transactions.run((tx) => this.recompute.executeMany([tenantId], command.now, tx)).catch((failure: unknown) => {
            this.logger.error({ err: failure, tenantId }, 'recomputing a tenant failed');
          });
        }
      }
    }
    return tenants.length;
  }
}
