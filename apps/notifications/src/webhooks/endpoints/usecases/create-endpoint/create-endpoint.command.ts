import { EndpointAccess } from '../../endpoint-access';

export class CreateEndpointCommand {
  constructor(
    readonly access: EndpointAccess,
    /** As asked; a tenant admin's endpoint is always its own tenant's. */
    readonly tenantId: string | null | undefined,
    readonly url: string,
    readonly eventTypes: readonly string[],
    readonly description: string,
    readonly enabled: boolean,
  ) {}
}
