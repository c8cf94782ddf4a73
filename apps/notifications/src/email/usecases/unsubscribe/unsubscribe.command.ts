export class UnsubscribeCommand {
  constructor(
    readonly token: string,
    /** false: only check the token and say what it would switch off (the confirmation page of the link; a GET changes nothing). */
    readonly apply = true,
  ) {}
}
