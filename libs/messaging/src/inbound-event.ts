/** An event as a consumer receives it: envelope, validated payload and where it came from. */
import { EventMetadata, EventName, EventPayload } from '@tenantry/contracts';
import { Transaction } from '@tenantry/persistence';

export type InboundEvent<N extends EventName = EventName> = {
  [K in N]: {
    type: K;
    meta: EventMetadata;
    payload: EventPayload<K>;
    topic: string;
    partition: number;
    offset: string;
    key: string | null;
  };
}[N];

/** One handler per event type; each runs in its own transaction together with the inbox row. */
export type EventHandlers = {
  [N in EventName]?: (event: InboundEvent<N>, tx: Transaction) => Promise<void>;
};

/** For high-volume streams: one transaction for all new events of a fetched batch. */
export interface BatchHandler<N extends EventName = EventName> {
  events: readonly N[];
  handle(events: InboundEvent<N>[], tx: Transaction): Promise<void>;
}

/** Types a batch handler by the events it takes, so `events` carry their own payload types. */
export function batchHandler<N extends EventName>(events: readonly N[], handle: (events: InboundEvent<N>[], tx: Transaction) => Promise<void>): BatchHandler {
  return { events, handle: handle as BatchHandler['handle'] };
}
