/** New UsageRecorded events of one consumer batch, to be counted in the consumer's transaction. */
import { EntityManager } from 'typeorm';
import { UsageRecordedPayload } from '@tenantry/contracts';

export class AggregateUsageCommand {
  constructor(
    readonly events: readonly UsageRecordedPayload[],
    readonly tx: EntityManager,
  ) {}
}
