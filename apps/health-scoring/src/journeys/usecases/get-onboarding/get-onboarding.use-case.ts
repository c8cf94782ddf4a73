/** A tenant's setup checklist with progress and time to first value; 404 when the journeys know nothing of the tenant. */
import { Injectable } from '@nestjs/common';
import { tenantScope } from '@tenantry/persistence';
import { JourneysRepository } from '../../journeys.repository';
import { JOURNEY_PROBLEMS } from '../../journeys.problems';
import { checklistOf, ChecklistView } from '../../onboarding-checklist';
import { GetOnboardingCommand } from './get-onboarding.command';

@Injectable()
export class GetOnboardingUseCase {
  constructor(private readonly journeys: JourneysRepository) {}

  async execute(command: GetOnboardingCommand): Promise<ChecklistView & { createdAt: Date | null }> {
    const scope = tenantScope(command.tenantId);
    const [tenant, items] = await Promise.all([this.journeys.tenant(undefined, scope), this.journeys.completedItems(undefined, scope)]);
    if (!tenant && items.size === 0) throw JOURNEY_PROBLEMS['onboarding-not-found'](`no onboarding known for tenant ${command.tenantId}`);
    return { ...checklistOf(items, tenant), createdAt: tenant?.createdAt ?? null };
  }
}
