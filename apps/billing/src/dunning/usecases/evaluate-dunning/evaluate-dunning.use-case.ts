/**
 * The dunning job's work: every tenant with an overdue invoice or an open episode is reviewed in a
 * transaction of its own (DunningEpisodes.review), by tenant id in batches. A tenant that fails is
 * logged and left for the next run; the others are still reviewed.
 */
import { Inject, Injectable } from '@nestjs/common';
import { Transactions } from '@tenantry/persistence';
import { LOGGER } from '@tenantry/service';
import type { Logger } from '@tenantry/observability';
import { DunningEpisodes } from '../../dunning-episodes';
import { DunningRepository } from '../../dunning.repository';
import { EvaluateDunningCommand } from './evaluate-dunning.command';

export interface DunningRunSummary {
  reviewed: number;
  escalated: number;
  cleared: number;
}

@Injectable()
export class EvaluateDunningUseCase {
  constructor(
    private readonly repository: DunningRepository,
    private readonly episodes: DunningEpisodes,
    private readonly transactions: Transactions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(command: EvaluateDunningCommand): Promise<DunningRunSummary> {
    const summary: DunningRunSummary = { reviewed: 0, escalated: 0, cleared: 0 };
    let after: string | undefined;
    for (;;) {
      const tenants = await this.repository.tenantsToReview(command.now, command.batchSize, after);
      for (const tenantId of tenants) {
        try {
          const review = await this.transactions.run((tx) => this.episodes.review(tx, tenantId, command.now));
          summary.reviewed += 1;
          if (review.outcome === 'cleared') summary.cleared += 1;
          if (review.outcome === 'open') summary.escalated += review.stepsTaken.length;
        } catch (error) {
          this.logger.error({ err: error, tenantId }, 'dunning review failed; tried again at the next run');
        }
      }
      if (tenants.length < command.batchSize) return summary;
      after = tenants[tenants.length - 1];
    }
  }
}
