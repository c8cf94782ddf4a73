/** Create a tenant through the registry, optionally under an Idempotency-Key. */
import { Principal } from '../../../auth';
import { CreateTenantBody } from '../../dto/tenant-body.dto';

export class CreateTenantCommand {
  constructor(
    readonly principal: Principal,
    readonly requestId: string,
    readonly body: CreateTenantBody,
    /** The public path, for problem `instance` and the request fingerprint. */
    readonly path: string,
    readonly idempotencyKey?: string,
  ) {}
}
