/** One projected event of a tenant (lifecycle, limit or performance alert, billing), as health scoring keeps it. */
import { InboundEvent } from '@tenantry/messaging';

export interface Signal {
  eventId: string;
  tenantId: string;
  type: string;
  at: Date;
  data: Record<string, unknown>;
}

/** The event's own time (its payload's `at`, `createdAt`, `paidAt` …), else when it was published. */
export function signalOf(event: InboundEvent): Signal {
  const payload = event.payload as unknown as Record<string, unknown>;
  const own = ['at', 'createdAt', 'updatedAt', 'paidAt', 'periodEnd'].map((field) => payload[field]).find((value) => typeof value === 'string');
  return { eventId: event.meta.id, tenantId: payload['tenantId'] as string, type: event.type, at: new Date((own as string | undefined) ?? event.meta.time), data: payload };
}
