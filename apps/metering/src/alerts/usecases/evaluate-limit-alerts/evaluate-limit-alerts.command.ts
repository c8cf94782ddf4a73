/** Month windows whose usage or limits changed. */
import { LimitWindow } from '../../alert.entity';

export class EvaluateLimitAlertsCommand {
  constructor(
    readonly windows: readonly LimitWindow[]
  ) {}
}
