export class PruneWebhookLogCommand {
  constructor(readonly retentionDays: number) {}
}
