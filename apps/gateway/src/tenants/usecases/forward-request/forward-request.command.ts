/** One call to forward to an internal API on behalf of an authenticated caller. */
import { Principal } from '../../../auth';
import { Upstream, UpstreamRequest } from '../../upstream/upstream-client';

export class ForwardRequestCommand {
  constructor(
    readonly upstream: Upstream,
    readonly method: UpstreamRequest['method'],
    readonly path: string,
    readonly principal: Principal,
    readonly requestId: string,
    readonly body?: unknown,
    readonly ifMatch?: string,
  ) {}
}
