export class DeliverDueCommand {
  constructor(readonly limit: number) {}
}
