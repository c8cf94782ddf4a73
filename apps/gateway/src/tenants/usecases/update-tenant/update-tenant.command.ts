/** Change a tenant through the registry. */
import { Caller } from '../../../upstream';
import { UpdateTenantBody } from '../../dto/tenant-body.dto';

export class UpdateTenantCommand {
  constructor(
    readonly caller: Caller,
    readonly tenantId: string,
    readonly body: UpdateTenantBody,
    readonly ifMatch?: string,
  ) {}
}
