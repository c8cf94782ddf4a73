/** Carry out a billing run that has been recorded (status running). */
export class RunBillingCommand {
  constructor(
    readonly runId: string,
    readonly dryRun: boolean,
  ) {}
}
