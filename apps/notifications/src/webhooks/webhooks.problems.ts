/** Problem types of webhooks. */
import { defineProblems } from '@tenantry/service';

export const WEBHOOK_PROBLEMS = defineProblems({
  'webhook-endpoint-not-found': { status: 404, title: 'No such webhook endpoint' },
  'webhook-delivery-not-found': { status: 404, title: 'No such webhook delivery' },
  'webhook-endpoint-disabled': { status: 409, title: 'The webhook endpoint is disabled' },
});

export const endpointNotFound = (id: string) => WEBHOOK_PROBLEMS['webhook-endpoint-not-found'](`No webhook endpoint ${id}`, { endpointId: id });
export const deliveryNotFound = (id: string) => WEBHOOK_PROBLEMS['webhook-delivery-not-found'](`No webhook delivery ${id}`, { deliveryId: id });
