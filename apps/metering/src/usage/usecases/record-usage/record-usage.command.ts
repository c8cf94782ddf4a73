/** Usage events submitted together; each is judged on its own. */
import { SubmittedUsageEvent } from '../../usage-rules';

export class RecordUsageCommand {
  constructor(readonly events: readonly SubmittedUsageEvent[]) {}
}
