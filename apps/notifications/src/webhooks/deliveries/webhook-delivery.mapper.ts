/** Delivery records to the API's views. */
import { WebhookDeliveryListDto, WebhookDeliveryViewDto } from '@tenantry/notifications-api';
import { WebhookDelivery, WebhookDeliveryWithAttempts } from './webhook-delivery.row';

export function toDeliveryView(d: WebhookDelivery | WebhookDeliveryWithAttempts): WebhookDeliveryViewDto {
  return {
    id: d.id,
    endpointId: d.endpointId,
    tenantId: d.tenantId,
    eventId: d.eventId,
    eventType: d.eventType,
    status: d.status,
    nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    attempts: ('attempts' in d ? d.attempts : []).map((a) => ({
      attemptedAt: a.attemptedAt.toISOString(),
      statusCode: a.statusCode,
      latencyMs: a.latencyMs,
      error: a.error,
      responseExcerpt: a.responseExcerpt,
    })),
  };
}

export function toDeliveryList(deliveries: readonly WebhookDeliveryWithAttempts[]): WebhookDeliveryListDto {
  return { deliveries: deliveries.map(toDeliveryView) };
}
