/**
 * Applies what an event tells a tenant's journeys, in the consuming event's transaction (tenant
 * locked): the fact (order-tolerant: a status fact applies only when newer), and each onboarding
 * item it completes — an item completed for the first time is announced as
 * TenantOnboardingProgressed through the outbox; an earlier completion arriving later only moves
 * the time back, announced nothing.
 */
import { Injectable } from '@nestjs/common';
import { OnboardingItem } from '@tenantry/contracts';
import { OutboxWriter } from '@tenantry/messaging';
import { tenantScope, Transaction } from '@tenantry/persistence';
import { JourneysRepository } from '../../journeys.repository';
import { checklistOf } from '../../onboarding-checklist';
import { TrackJourneyCommand } from './track-journey.command';

@Injectable()
export class TrackJourneyUseCase {
  constructor(
    private readonly journeys: JourneysRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(command: TrackJourneyCommand, tx: Transaction): Promise<void> {
    const scope = tenantScope(command.tenantId);
    await this.journeys.lockTenant(tx, scope);
    if (command.fact) await this.journeys.applyFact(tx, scope, command.fact);
    const completed: { item: OnboardingItem; at: Date }[] = [];
    for (const entry of command.items) {
      if (await this.journeys.completeItem(tx, scope, entry.item, entry.at)) completed.push(entry);
    }
    if (completed.length === 0) return;
    const items = await this.journeys.completedItems(tx, scope);
    const checklist = checklistOf(items, await this.journeys.tenant(tx, scope));
    const done = checklist.items.filter((item) => item.status === 'done').map((item) => item.item);
    for (const entry of completed) {
      await this.outbox.publish(tx, 'TenantOnboardingProgressed', {
        tenantId: scope.tenantId,
        item: entry.item,
        completedItems: done,
        progressPercent: checklist.progressPercent,
        complete: checklist.complete,
        ...(checklist.timeToFirstValueSeconds !== null ? { timeToFirstValueSeconds: checklist.timeToFirstValueSeconds } : {}),
        at: entry.at.toISOString(),
      });
    }
  }
}
