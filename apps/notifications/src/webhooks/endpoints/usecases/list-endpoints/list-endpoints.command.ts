import { EndpointAccess } from '../../endpoint-access';

export class ListEndpointsCommand {
  constructor(readonly access: EndpointAccess) {}
}
