import { UsageRecordedPayload } from '@tenantry/contracts';

/** A batch of UsageRecorded events as the usage consumer fetched them. */
export class RecordUsageCommand {
  constructor(readonly events: readonly UsageRecordedPayload[]) {}
}
