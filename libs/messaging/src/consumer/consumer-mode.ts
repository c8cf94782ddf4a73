/** How a consumer applies events: one transaction per event, or one per fetched batch. */
import { BatchHandler, EventHandlers } from '../inbound-event';

/** Exactly one of the two; the other is left out. */
export type ConsumerMode = { handlers: EventHandlers; batch?: never } | { batch: BatchHandler; handlers?: never };

/** A declaration whose fields are both optional (a Nest provider class cannot implement a union). */
export interface ConsumerModeDeclaration {
  readonly handlers?: EventHandlers;
  readonly batch?: BatchHandler;
}

/** The mode a declaration picks; refuses one that gives both or neither. */
export function consumerMode(groupId: string, declaration: ConsumerModeDeclaration): ConsumerMode {
  const { handlers, batch } = declaration;
  if (handlers && !batch) return { handlers };
  if (batch && !handlers) return { batch };
  throw new Error(`consumer ${groupId}: give either handlers or batch`);
}

/** The event types a mode handles; the consumer skips every other type without decoding it. */
export function handledEvents(mode: ConsumerMode): ReadonlySet<string> {
  return new Set(mode.batch ? mode.batch.events : Object.keys(mode.handlers));
}
