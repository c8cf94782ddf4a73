export class RecordFeedbackCommand {
  constructor(
    readonly tenantId: string,
    readonly score: number,
    readonly comment: string | null,
  ) {}
}
