/** Create a tenant through the registry, optionally under an Idempotency-Key. */
import { Caller } from '../../../upstream';
import { CreateTenantBody } from '../../dto/tenant-body.dto';

export class CreateTenantCommand {
  constructor(
    readonly caller: Caller,
    readonly body: CreateTenantBody,
    /** The public path, for the request fingerprint. */
    readonly path: string,
    readonly idempotencyKey?: string,
  ) {}
}
