/** Turns the usage stream (tenantry.metering.usage.v1) into aggregates, one transaction per fetched batch. */
import { TOPICS } from '@tenantry/contracts';
import { BatchHandler, batchHandler } from '@tenantry/messaging';
import { ConsumesEvents, EventConsumerSpec } from '@tenantry/service';
import { AggregateUsageCommand } from './usecases/aggregate-usage/aggregate-usage.command';
import { AggregateUsageUseCase } from './usecases/aggregate-usage/aggregate-usage.use-case';
import { CONSUMER_GROUPS } from '../service';

@ConsumesEvents()
export class UsageAggregationConsumer implements EventConsumerSpec {
  readonly groupId = CONSUMER_GROUPS.aggregates;
  readonly topics = [TOPICS.METERING_USAGE.name] as const;
  /**
   * Partitions are keyed by tenant, so batches of different partitions touch different aggregate
   * rows: several in flight let Postgres work on one while Node decodes the next.
   */
  readonly partitionsConsumedConcurrently = 4;
  readonly batch: BatchHandler;

  constructor(aggregate: AggregateUsageUseCase) {
    this.batch = batchHandler(['UsageRecorded'], async (events, tx) => {
      await aggregate.execute(new AggregateUsageCommand(events.map((event) => event.payload)), tx);
    });
  }
}
