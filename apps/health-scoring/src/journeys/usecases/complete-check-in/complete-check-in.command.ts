export class CompleteCheckInCommand {
  constructor(
    readonly id: string,
    readonly note: string,
    /** Who completed it: the API key id the gateway vouched for. */
    readonly by: string,
  ) {}
}
