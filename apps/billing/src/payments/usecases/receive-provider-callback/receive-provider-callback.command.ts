/** A callback (webhook) that arrived for the provider named in the route, with its headers and exact body bytes. */
export class ReceiveProviderCallbackCommand {
  constructor(
    readonly provider: string,
    readonly headers: Record<string, string | string[] | undefined>,
    readonly rawBody: Buffer,
  ) {}
}
