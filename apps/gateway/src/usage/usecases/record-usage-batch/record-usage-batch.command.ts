/** A batch of usage events (already shape-checked) to record through metering. */
import { Principal } from '../../../auth';
import { UsageBatchBody } from '../../dto/usage-event.dto';

export class RecordUsageBatchCommand {
  constructor(
    readonly principal: Principal,
    readonly requestId: string,
    readonly body: UsageBatchBody,
  ) {}
}
