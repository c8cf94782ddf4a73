import { Caller } from '../../../upstream';

export class CreateImpersonationCommand {
  constructor(
    readonly caller: Caller,
    readonly tenantId: string,
    readonly reason: string,
    readonly ttlMinutes: number,
    readonly write: boolean,
  ) {}
}
