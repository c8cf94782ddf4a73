/** Change a tenant through the registry. */
import { Principal } from '../../../auth';
import { UpdateTenantBody } from '../../dto/tenant-body.dto';

export class UpdateTenantCommand {
  constructor(
    readonly principal: Principal,
    readonly requestId: string,
    readonly tenantId: string,
    readonly body: UpdateTenantBody,
    readonly ifMatch?: string,
  ) {}
}
