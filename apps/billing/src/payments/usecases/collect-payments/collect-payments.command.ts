/** Charge every invoice whose collection is due at `now` (a first charge after finalization, or a retry). */
export class CollectPaymentsCommand {
  constructor(readonly now: Date) {}
}
