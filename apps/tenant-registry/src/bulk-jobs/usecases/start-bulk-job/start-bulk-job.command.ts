/** A validated bulk request from an actor. */
import { ActorContext } from '../../../tenants/tenant-status-change';
import { BulkJobRequest } from '../../bulk-request';

export class StartBulkJobCommand {
  constructor(
    readonly request: BulkJobRequest,
    readonly by: ActorContext,
  ) {}
}
