import { ActorContext } from '../../tenant-status-change';

export class RollbackTenantConfigurationCommand {
  constructor(
    readonly tenantId: string,
    readonly toVersion: number,
    readonly by: ActorContext,
    readonly reason: unknown,
    readonly ifMatch?: string,
  ) {}
}
