import { EndpointAccess } from '../../../endpoints/endpoint-access';

export class ReplayEventsCommand {
  constructor(
    readonly access: EndpointAccess,
    readonly endpointId: string,
    readonly from: Date,
    readonly to: Date,
  ) {}
}
