/** Review every tenant with an overdue invoice or an open dunning episode, as of `now`. */
export class EvaluateDunningCommand {
  constructor(
    readonly now: Date,
    readonly batchSize = 200,
  ) {}
}
