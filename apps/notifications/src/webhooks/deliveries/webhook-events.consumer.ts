/** Feeds webhooks from the suite's topics (WEBHOOK_TOPICS): one transaction per fetched batch, holding the inbox rows, the kept events and the new deliveries. */
import { batchHandler, BatchHandler } from '@tenantry/messaging';
import { ConsumesEvents, EventConsumerSpec } from '@tenantry/service';
import { CONSUMER_GROUPS } from '../../service';
import { WEBHOOK_EVENT_TYPES, WEBHOOK_TOPICS } from '../endpoints/event-type-patterns';
import { FanOutEventsCommand } from './usecases/fan-out-events/fan-out-events.command';
import { FanOutEventsUseCase } from './usecases/fan-out-events/fan-out-events.use-case';

@ConsumesEvents()
export class WebhookEventsConsumer implements EventConsumerSpec {
  readonly groupId = CONSUMER_GROUPS.webhooks;
  readonly topics = WEBHOOK_TOPICS;
  readonly batch: BatchHandler;

  constructor(fanOut: FanOutEventsUseCase) {
    this.batch = batchHandler(WEBHOOK_EVENT_TYPES, async (events, tx) => {
      await fanOut.execute(new FanOutEventsCommand(events.map((event) => ({ meta: event.meta, payload: event.payload }))), tx);
    });
  }
}
