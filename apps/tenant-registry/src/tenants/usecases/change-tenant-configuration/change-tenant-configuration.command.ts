/**
 * Changes a tenant's configuration: a JSON merge patch (RFC 7396) over what it overrides, or the whole
 * override document replaced. The use case the bulk jobs call per tenant (with `dryRun` for their preview).
 */
import { ActorContext } from '../../tenant-status-change';

export class ChangeTenantConfigurationCommand {
  constructor(
    readonly tenantId: string,
    readonly mode: 'merge-patch' | 'replace',
    readonly body: unknown,
    readonly by: ActorContext,
    /** Why: required, 1..500 characters. */
    readonly reason: unknown,
    /** W/"<version>" (or `*`); a stale one: 412. */
    readonly ifMatch?: string,
    readonly dryRun = false,
  ) {}
}
