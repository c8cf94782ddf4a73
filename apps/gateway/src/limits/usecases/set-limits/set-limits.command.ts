import { Caller } from '../../../upstream';

export class SetLimitsCommand {
  constructor(
    readonly caller: Caller,
    readonly tenantId: string,
    /** As the client sent it: the registry gives plain numbers their modes. */
    readonly body: Record<string, unknown>,
  ) {}
}
