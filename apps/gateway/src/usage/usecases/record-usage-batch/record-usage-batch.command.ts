/** A batch of usage events (already shape-checked) to record through metering. */
import { Caller } from '../../../upstream';
import { UsageBatchBody } from '../../dto/usage-event.dto';

export class RecordUsageBatchCommand {
  constructor(
    readonly caller: Caller,
    readonly body: UsageBatchBody,
  ) {}
}
