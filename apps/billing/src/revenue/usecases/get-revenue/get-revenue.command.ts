/** A revenue report over whole UTC months, `from` to `to` inclusive (`YYYY-MM`, already well-formed). */
export class GetRevenueCommand {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {}
}
