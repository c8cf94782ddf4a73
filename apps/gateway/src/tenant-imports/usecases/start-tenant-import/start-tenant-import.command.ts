import { Readable } from 'node:stream';
import { Caller } from '../../../upstream';

export class StartTenantImportCommand {
  constructor(
    readonly caller: Caller,
    readonly tenantId: string,
    /** The Content-Type the client sent (before the gateway put it aside, json-bodies.ts). */
    readonly mediaType: string | undefined,
    readonly query: { target?: string; format?: string; dryRun?: string },
    readonly idempotencyKey: string | undefined,
    readonly declaredBytes: number | undefined,
    /** The client's request stream, unread. */
    readonly body: Readable,
  ) {}
}
