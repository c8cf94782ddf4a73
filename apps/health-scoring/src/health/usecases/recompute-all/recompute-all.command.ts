export class RecomputeAllCommand {
  constructor(readonly now: Date) {}
}
