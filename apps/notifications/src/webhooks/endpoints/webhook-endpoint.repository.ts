/** Storage of webhook endpoints (the port; Postgres beside it). */
import { Transaction } from '@tenantry/persistence';
import { EndpointAccess } from './endpoint-access';
import { WebhookEndpoint } from './webhook-endpoint.row';

export abstract class WebhookEndpointRepository {
  abstract insert(tx: Transaction, endpoint: WebhookEndpoint): Promise<void>;
  /** With `tx`, the row is locked until it ends. */
  abstract find(access: EndpointAccess, id: string, tx?: Transaction): Promise<WebhookEndpoint | undefined>;
  abstract list(access: EndpointAccess): Promise<WebhookEndpoint[]>;
  abstract update(tx: Transaction, endpoint: WebhookEndpoint): Promise<void>;
  abstract delete(tx: Transaction, access: EndpointAccess, id: string): Promise<boolean>;
  /** The enabled endpoints an event of `tenantId` goes to: the tenant's own and the platform-wide ones. */
  abstract receiversOf(tx: Transaction, tenantId: string | undefined): Promise<WebhookEndpoint[]>;
}
