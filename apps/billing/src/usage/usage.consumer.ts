/** Billing's usage totals from the usage stream (tenantry.metering.usage.v1), one transaction per fetched batch. */
import { TOPICS } from '@tenantry/contracts';
import { BatchHandler, batchHandler } from '@tenantry/messaging';
import { ConsumesEvents, EventConsumerSpec } from '@tenantry/service';
import { CONSUMER_GROUPS } from '../service';
import { RecordUsageCommand } from './usecases/record-usage/record-usage.command';
import { RecordUsageUseCase } from './usecases/record-usage/record-usage.use-case';

@ConsumesEvents()
export class UsageConsumer implements EventConsumerSpec {
  readonly groupId = CONSUMER_GROUPS.usage;
  readonly topics = [TOPICS.METERING_USAGE.name] as const;
  readonly partitionsConsumedConcurrently = 2;
  readonly batch: BatchHandler;

  constructor(record: RecordUsageUseCase) {
    this.batch = batchHandler(['UsageRecorded'], async (events, tx) => {
      await record.execute(new RecordUsageCommand(events.map((event) => event.payload)), tx);
    });
  }
}
