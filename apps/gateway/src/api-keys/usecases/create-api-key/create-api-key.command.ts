/** Issue a new API key. */
import { Role } from '../../../auth';
import { Caller } from '../../../upstream';

export class CreateApiKeyCommand {
  constructor(
    readonly name: string,
    readonly role: Role,
    readonly tenantId: string | null,
    /** Who asks: the registry is asked on their behalf whether a tenant-admin key's tenant exists. */
    readonly caller: Caller,
  ) {}
}
