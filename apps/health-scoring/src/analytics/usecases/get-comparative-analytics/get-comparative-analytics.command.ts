export class GetComparativeAnalyticsCommand {
  constructor(
    readonly from: string,
    readonly to: string,
    readonly plan: string | undefined,
    readonly limit: number,
    readonly offset: number,
  ) {}
}
