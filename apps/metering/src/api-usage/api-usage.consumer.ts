/** Reads the gateway's API usage samples (tenantry.gateway.api-usage.v1) in batches and records them as usage. */
import { TOPICS } from '@tenantry/contracts';
import { BatchHandler, batchHandler } from '@tenantry/messaging';
import { ConsumesEvents, EventConsumerSpec } from '@tenantry/service';
import { ConvertApiUsageCommand } from './usecases/convert-api-usage/convert-api-usage.command';
import { ConvertApiUsageUseCase } from './usecases/convert-api-usage/convert-api-usage.use-case';
import { CONSUMER_GROUPS } from '../service';

@ConsumesEvents()
export class ApiUsageConsumer implements EventConsumerSpec {
  readonly groupId = CONSUMER_GROUPS.apiUsage;
  readonly topics = [TOPICS.GATEWAY_API_USAGE.name] as const;
  readonly batch: BatchHandler;

  constructor(convert: ConvertApiUsageUseCase) {
    this.batch = batchHandler(['ApiUsageSampled'], async (events, tx) => {
      await convert.execute(new ConvertApiUsageCommand(events.map((event) => ({ id: event.meta.id, payload: event.payload }))), tx);
    });
  }
}
