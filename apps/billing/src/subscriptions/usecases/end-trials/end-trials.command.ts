/** End every trial that ended at or before `now`. */
export class EndTrialsCommand {
  constructor(
    readonly now: Date,
    readonly batchSize = 200,
  ) {}
}
