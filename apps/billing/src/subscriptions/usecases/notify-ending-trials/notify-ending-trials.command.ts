/** Publish TrialEnding for every trial ending after `now` and within `noticeDays` days that has had none. */
export class NotifyEndingTrialsCommand {
  constructor(
    readonly now: Date,
    readonly noticeDays: number,
    readonly batchSize = 200,
  ) {}
}
