import { UsageRecordedPayload } from '@tenantry/contracts';

/** One batch of the usage stream. */
export class TrackFirstUsageCommand {
  constructor(readonly events: readonly UsageRecordedPayload[]) {}
}
