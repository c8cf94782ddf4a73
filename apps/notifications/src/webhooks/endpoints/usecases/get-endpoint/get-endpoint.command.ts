import { EndpointAccess } from '../../endpoint-access';

export class GetEndpointCommand {
  constructor(
    readonly access: EndpointAccess,
    readonly id: string,
  ) {}
}
