import { Caller } from '../../../upstream';

export class InviteTenantUserCommand {
  constructor(
    readonly caller: Caller,
    readonly tenantId: string,
    readonly email: string,
    readonly role: string,
  ) {}
}
