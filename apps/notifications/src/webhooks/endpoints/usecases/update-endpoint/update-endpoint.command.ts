import { EndpointAccess } from '../../endpoint-access';

export class UpdateEndpointCommand {
  constructor(
    readonly access: EndpointAccess,
    readonly id: string,
    readonly changes: { url?: string; eventTypes?: readonly string[]; description?: string; enabled?: boolean },
  ) {}
}
