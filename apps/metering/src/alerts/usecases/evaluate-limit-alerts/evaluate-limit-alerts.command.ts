/** Month windows whose usage or limits changed. */
import { LimitWindow } from '../../alert.row';

export class EvaluateLimitAlertsCommand {
  constructor(
    readonly windows: readonly LimitWindow[]
  ) {}
}
