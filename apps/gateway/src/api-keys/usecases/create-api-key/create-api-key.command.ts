/** Issue a new API key. */
import { Role } from '../../../auth';

export class CreateApiKeyCommand {
  constructor(
    readonly name: string,
    readonly role: Role,
    readonly tenantId: string | null,
  ) {}
}
