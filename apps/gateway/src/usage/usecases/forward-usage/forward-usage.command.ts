/** One usage call (record one event, read usage, read the summary) to forward to metering for a caller. */
import { Principal } from '../../../auth';

export class ForwardUsageCommand {
  constructor(
    readonly principal: Principal,
    readonly requestId: string,
    readonly method: 'GET' | 'POST',
    /** Path and query on metering's internal API. */
    readonly path: string,
    readonly body?: unknown,
  ) {}
}
