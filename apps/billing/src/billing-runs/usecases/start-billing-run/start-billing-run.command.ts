export class StartBillingRunCommand {
  constructor(
    readonly trigger: 'api' | 'schedule',
    readonly dryRun: boolean,
  ) {}
}
