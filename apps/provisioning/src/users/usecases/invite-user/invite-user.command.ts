import { UsersLimit } from '../../tenant-user';

export class InviteUserCommand {
  constructor(
    readonly tenantId: string,
    readonly email: string,
    readonly role: string,
    /** The registry's `users` limit, read by the gateway for this call; null: none known. */
    readonly usersLimit: UsersLimit | null,
    /** `key:<api-key id>` from the verified internal token. */
    readonly actor: string,
  ) {}
}
