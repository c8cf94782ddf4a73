/** New UsageRecorded events of one consumer batch. */
import { UsageRecordedPayload } from '@tenantry/contracts';

export class AggregateUsageCommand {
  constructor(
    readonly events: readonly UsageRecordedPayload[]
  ) {}
}
