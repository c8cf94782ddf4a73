import { EndpointAccess } from '../../../endpoints/endpoint-access';

export class ListDeliveriesCommand {
  constructor(
    readonly access: EndpointAccess,
    readonly endpointId: string,
    readonly limit: number,
  ) {}
}
