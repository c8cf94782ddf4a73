import { EndpointAccess } from '../../endpoint-access';

export class RotateSecretCommand {
  constructor(
    readonly access: EndpointAccess,
    readonly id: string,
  ) {}
}
