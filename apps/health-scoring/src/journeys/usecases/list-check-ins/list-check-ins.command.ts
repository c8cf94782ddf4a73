export class ListCheckInsCommand {
  constructor(
    readonly status: 'open' | 'completed' | undefined,
    readonly limit: number,
  ) {}
}
