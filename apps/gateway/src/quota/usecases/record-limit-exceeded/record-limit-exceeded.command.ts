/** A UsageLimitExceeded alert as the quota needs it. */
import { LimitExceeded } from '../../api-call-quota-policy';

export class RecordLimitExceededCommand {
  constructor(readonly alert: LimitExceeded) {}
}
