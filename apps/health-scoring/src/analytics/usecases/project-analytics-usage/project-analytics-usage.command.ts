import { UsageRecordedPayload } from '@tenantry/contracts';

export class ProjectAnalyticsUsageCommand {
  constructor(readonly events: readonly UsageRecordedPayload[]) {}
}
