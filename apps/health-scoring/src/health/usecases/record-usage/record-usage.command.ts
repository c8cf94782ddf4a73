import { UsageRecordedPayload } from '@tenantry/contracts';

export class RecordUsageCommand {
  constructor(readonly events: readonly UsageRecordedPayload[]) {}
}
