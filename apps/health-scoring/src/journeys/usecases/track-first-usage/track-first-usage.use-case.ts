/**
 * The usage stream's part in onboarding: a tenant's first usage (time to first value) and its first
 * active user (a usage event carrying properties.userId). The hot path stays cheap: a batch is
 * reduced to the earliest time per tenant, and only tenants that have not completed the item yet
 * are touched (one query per batch finds them).
 */
import { Injectable } from '@nestjs/common';
import { OnboardingItem } from '@tenantry/contracts';
import { Transaction } from '@tenantry/persistence';
import { JourneysRepository } from '../../journeys.repository';
import { TrackJourneyCommand } from '../track-journey/track-journey.command';
import { TrackJourneyUseCase } from '../track-journey/track-journey.use-case';
import { TrackFirstUsageCommand } from './track-first-usage.command';

@Injectable()
export class TrackFirstUsageUseCase {
  constructor(
    private readonly journeys: JourneysRepository,
    private readonly track: TrackJourneyUseCase,
  ) {}

  async execute(command: TrackFirstUsageCommand, tx: Transaction): Promise<void> {
    const earliest: Record<'first-usage' | 'first-active-user', Map<string, Date>> = { 'first-usage': new Map(), 'first-active-user': new Map() };
    for (const event of command.events) {
      const at = new Date(event.timestamp);
      keepEarliest(earliest['first-usage'], event.tenantId, at);
      const user = event.properties?.['userId'];
      if (user !== undefined && user !== '') keepEarliest(earliest['first-active-user'], event.tenantId, at);
    }
    const todo = new Map<string, { item: OnboardingItem; at: Date }[]>();
    for (const item of ['first-usage', 'first-active-user'] as const) {
      if (earliest[item].size === 0) continue;
      const missing = await this.journeys.missingItem(tx, [...earliest[item].keys()], item);
      for (const tenantId of missing) todo.set(tenantId, [...(todo.get(tenantId) ?? []), { item, at: earliest[item].get(tenantId) as Date }]);
    }
    for (const tenantId of [...todo.keys()].sort()) {
      await this.track.execute(new TrackJourneyCommand(tenantId, null, todo.get(tenantId)), tx);
    }
  }
}

function keepEarliest(map: Map<string, Date>, tenantId: string, at: Date): void {
  const known = map.get(tenantId);
  if (!known || at < known) map.set(tenantId, at);
}
