/** Month windows whose usage or limits changed, evaluated in the transaction that changed them. */
import { EntityManager } from 'typeorm';
import { LimitWindow } from '../../alert.entity';

export class EvaluateLimitAlertsCommand {
  constructor(
    readonly windows: readonly LimitWindow[],
    readonly tx: EntityManager,
  ) {}
}
