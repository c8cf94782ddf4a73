/**
 * Recomputes every tenant the usage stream marked dirty, once each, as of `now`: chunks of tenants
 * taken from the marks, each chunk in one transaction (the marks are removed in it). An event
 * arriving while its tenant is being recomputed appends a new mark, which this transaction did not
 * see and so does not remove (and the usage consumer does not wait for it): the tenant is
 * recomputed again on a later run, so no usage is left unscored. When a chunk fails, its tenants are
 * recomputed one per transaction so the others go on; a tenant failing on its own loses its mark
 * (logged; the periodic recomputation tries it again) instead of blocking every run.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from '@tenantry/observability';
import { Transactions } from '@tenantry/persistence';
import { LOGGER } from '@tenantry/service';
import { HealthRepository } from '../../../projection/health.repository';
import { RecomputeHealthUseCase } from '../recompute-health/recompute-health.use-case';
import { RescoreDirtyCommand } from './rescore-dirty.command';

@Injectable()
export class RescoreDirtyUseCase {
  constructor(
    private readonly health: HealthRepository,
    private readonly recompute: RecomputeHealthUseCase,
    private readonly transactions: Transactions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The number of tenants taken (recomputed, or dropped after failing alone). */
  async execute(command: RescoreDirtyCommand): Promise<number> {
    let total = 0;
    for (;;) {
      let tenants: string[] = [];
      try {
        await this.transactions.run(async (tx) => {
          tenants = await this.health.takeDirty(tx, command.chunk);
          if (tenants.length > 0) await this.recompute.executeMany(tenants, command.now, tx);
        });
      } catch (error) {
        if (tenants.length === 0) throw error;
        this.logger.warn({ err: error, tenants: tenants.length }, 'rescoring a chunk failed; recomputing its tenants one at a time');
        for (const tenantId of tenants) await this.isolated(tenantId, command.now);
      }
      total += tenants.length;
      if (tenants.length < command.chunk) return total;
    }
  }

  private async isolated(tenantId: string, now: Date): Promise<void> {
    try {
      await this.transactions.run(async (tx) => {
        await this.health.clearDirty(tx, [tenantId]);
        await this.recompute.executeMany([tenantId], now, tx);
      });
    } catch (error) {
      this.logger.error({ err: error, tenantId }, 'rescoring a tenant failed; its mark is dropped (the periodic recomputation tries it again)');
      await this.transactions.run((tx) => this.health.clearDirty(tx, [tenantId]));
    }
  }
}
