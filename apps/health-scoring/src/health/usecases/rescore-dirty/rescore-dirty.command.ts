export class RescoreDirtyCommand {
  constructor(
    readonly now: Date,
    /** Tenants per transaction. */
    readonly chunk: number,
  ) {}
}
