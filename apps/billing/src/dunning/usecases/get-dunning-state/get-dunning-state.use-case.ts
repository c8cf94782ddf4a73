/** A tenant's dunning state (its open or latest episode, overdue invoices, next step), or 404 tenant-not-found. */
import { Injectable } from '@nestjs/common';
import { DunningViewDto } from '@tenantry/billing-api';
import { tenantScope } from '@tenantry/persistence';
import { COMMON_PROBLEMS } from '@tenantry/service';
import { SubscriptionRepository } from '../../../subscriptions/subscription.repository';
import { addDays } from '../../../subscriptions/billing-period';
import { daysOverdue } from '../../dunning-ladder';
import { DunningEpisodes } from '../../dunning-episodes';
import { DunningRepository } from '../../dunning.repository';
import { GetDunningStateCommand } from './get-dunning-state.command';

@Injectable()
export class GetDunningStateUseCase {
  constructor(
    private readonly repository: DunningRepository,
    private readonly episodes: DunningEpisodes,
    private readonly subscriptions: SubscriptionRepository,
  ) {}

  async execute(command: GetDunningStateCommand): Promise<DunningViewDto> {
    const scope = tenantScope(command.tenantId);
    if (!(await this.subscriptions.find(scope))) throw COMMON_PROBLEMS['tenant-not-found'](`Tenant ${command.tenantId} has no billing account`, { tenantId: command.tenantId });
    const [overdue, episode] = await Promise.all([this.repository.overdueInvoices(scope, command.now), this.repository.latestEpisode(scope)]);
    const oldest = overdue[0];
    const open = episode && episode.closedAt === null ? episode : undefined;
    const next = open && oldest ? this.episodes.steps.find((rung) => !open.steps.some((s) => s.step === rung.step)) : undefined;
    return {
      tenantId: command.tenantId,
      state: open ? 'overdue' : episode ? 'cleared' : 'none',
      daysOverdue: oldest ? daysOverdue(oldest.overdueSince, command.now) : 0,
      overdueInvoiceIds: overdue.map((o) => o.invoiceId),
      episode: episode
        ? {
            id: episode.id,
            overdueSince: episode.overdueSince.toISOString(),
            openedAt: episode.openedAt.toISOString(),
            closedAt: episode.closedAt?.toISOString() ?? null,
            steps: episode.steps.map((s) => ({ step: s.step, daysOverdue: s.daysOverdue, takenAt: s.takenAt.toISOString() })),
          }
        : null,
      nextStep: next && oldest ? { step: next.step, days: next.days, dueAt: addDays(oldest.overdueSince, next.days).toISOString() } : null,
    };
  }
}
