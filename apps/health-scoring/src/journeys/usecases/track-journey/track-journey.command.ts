import { OnboardingItem } from '@tenantry/contracts';
import { TenantFact } from '../../journeys.repository';

/** What one event tells the journeys of one tenant: a fact about it and/or onboarding items it completes. */
export class TrackJourneyCommand {
  constructor(
    readonly tenantId: string,
    readonly fact: TenantFact | null,
    readonly items: readonly { item: OnboardingItem; at: Date }[] = [],
  ) {}
}
