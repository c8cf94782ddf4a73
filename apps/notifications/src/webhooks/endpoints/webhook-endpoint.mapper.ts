/** Endpoint records to the API's views (never a secret, sealed or not). */
import { WebhookEndpointListDto, WebhookEndpointViewDto } from '@tenantry/notifications-api';
import { WebhookEndpoint } from './webhook-endpoint.row';

export function toEndpointView(e: WebhookEndpoint): WebhookEndpointViewDto {
  return {
    id: e.id,
    tenantId: e.tenantId,
    url: e.url,
    eventTypes: e.eventTypes,
    description: e.description,
    enabled: e.enabled,
    disabledReason: e.disabledReason,
    failingSince: e.failingSince?.toISOString() ?? null,
    previousSecretExpiresAt: e.previousSecretExpiresAt?.toISOString() ?? null,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

export function toEndpointList(endpoints: readonly WebhookEndpoint[]): WebhookEndpointListDto {
  return { endpoints: endpoints.map(toEndpointView) };
}
