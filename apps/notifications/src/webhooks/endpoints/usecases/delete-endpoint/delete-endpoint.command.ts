import { EndpointAccess } from '../../endpoint-access';

export class DeleteEndpointCommand {
  constructor(
    readonly access: EndpointAccess,
    readonly id: string,
  ) {}
}
