import { Readable } from 'node:stream';
import { UsersLimit } from '../../../users/tenant-user';
import { ImportFormat } from '../../import-rows';
import { ImportTarget } from '../../tenant-import';

export class StartImportCommand {
  constructor(
    readonly tenantId: string,
    readonly target: ImportTarget,
    readonly format: ImportFormat,
    readonly dryRun: boolean,
    /** The registry's `users` limit, read by the gateway for this call; null: none known. */
    readonly usersLimit: UsersLimit | null,
    readonly idempotencyKey: string | null,
    /** `key:<api-key id>` from the verified internal token. */
    readonly actor: string,
    /** The file, still streaming in. */
    readonly body: Readable,
    /** The Content-Length the caller announced, if any. */
    readonly declaredBytes: number | undefined,
  ) {}
}
