import { WebhookEventMeta } from '../../cloud-event-body';

export class FanOutEventsCommand {
  constructor(readonly events: readonly { meta: WebhookEventMeta; payload: unknown }[]) {}
}
