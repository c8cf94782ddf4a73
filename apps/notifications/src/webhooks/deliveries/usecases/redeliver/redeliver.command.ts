import { EndpointAccess } from '../../../endpoints/endpoint-access';

export class RedeliverCommand {
  constructor(
    readonly access: EndpointAccess,
    readonly deliveryId: string,
  ) {}
}
