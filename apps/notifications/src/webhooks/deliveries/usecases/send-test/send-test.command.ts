import { EndpointAccess } from '../../../endpoints/endpoint-access';

export class SendTestCommand {
  constructor(
    readonly access: EndpointAccess,
    readonly endpointId: string,
  ) {}
}
