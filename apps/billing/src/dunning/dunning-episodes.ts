/**
 * One tenant's dunning, reviewed in the caller's transaction with its billing account locked (so two
 * reviews of a tenant — two job instances, or a job and a settlement — never interleave): with no
 * overdue invoice left, an open episode closes (DunningCleared); otherwise an episode is open and
 * every ladder step due by the days since the oldest unpaid invoice became overdue is taken once
 * (DunningEscalated each). A payment that arrived in between is seen here, because the overdue
 * invoices are read inside the transaction.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@tenantry/messaging';
import { tenantScope, Transaction } from '@tenantry/persistence';
import { BillingConfig } from '../billing.config';
import { daysOverdue, LadderRung, parseDunningLadder, stepsDue } from './dunning-ladder';
import { DunningEpisode, DunningRepository } from './dunning.repository';

export type DunningReview = { outcome: 'none' } | { outcome: 'cleared'; episodeId: string } | { outcome: 'open'; episodeId: string; stepsTaken: string[] };

@Injectable()
export class DunningEpisodes {
  private readonly ladder: LadderRung[];

  constructor(
    private readonly repository: DunningRepository,
    private readonly outbox: OutboxWriter,
    config: BillingConfig,
  ) {
    const ladder = parseDunningLadder(config.BILLING_DUNNING_LADDER);
    // The config validator has refused an unparsable ladder already; this is for the type.
    if (typeof ladder === 'string') throw new Error(`BILLING_DUNNING_LADDER ${ladder}`);
    this.ladder = ladder;
  }

  get steps(): readonly LadderRung[] {
    return this.ladder;
  }

  /** Escalates or clears the tenant's dunning as of `now`. */
  async review(tx: Transaction, tenantId: string, now: Date): Promise<DunningReview> {
    const scope = tenantScope(tenantId);
    if (!(await this.repository.lockAccount(tx, scope))) return { outcome: 'none' };
    const overdue = await this.repository.overdueInvoices(scope, now, tx);
    let episode = await this.repository.openEpisode(scope, tx);
    const oldest = overdue[0];
    if (!oldest) {
      if (!episode) return { outcome: 'none' };
      await this.close(tx, episode, now);
      return { outcome: 'cleared', episodeId: episode.id };
    }
    if (!episode) {
      episode = { id: randomUUID(), tenantId, overdueSince: oldest.overdueSince, openedAt: now, closedAt: null, steps: [] };
      await this.repository.startEpisode(tx, episode);
    }
    const days = daysOverdue(oldest.overdueSince, now);
    const taken: string[] = [];
    for (const rung of stepsDue(this.ladder, days, episode.steps.map((s) => s.step))) {
      if (!(await this.repository.recordStep(tx, scope, episode.id, { step: rung.step, daysOverdue: days, takenAt: now }))) continue;
      if (rung.step === 'written_off') await this.repository.stopCollections(tx, scope);
      await this.outbox.publish(tx, 'DunningEscalated', {
        tenantId,
        episodeId: episode.id,
        step: rung.step,
        daysOverdue: days,
        invoiceId: oldest.invoiceId,
        invoiceIds: overdue.map((o) => o.invoiceId),
        overdueSince: oldest.overdueSince.toISOString(),
        at: now.toISOString(),
      });
      taken.push(rung.step);
    }
    return { outcome: 'open', episodeId: episode.id, stepsTaken: taken };
  }

  private async close(tx: Transaction, episode: DunningEpisode, now: Date): Promise<void> {
    await this.repository.closeEpisode(tx, tenantScope(episode.tenantId), episode.id, now);
    await this.outbox.publish(tx, 'DunningCleared', { tenantId: episode.tenantId, episodeId: episode.id, stepsTaken: episode.steps.map((s) => s.step), at: now.toISOString() });
  }
}
