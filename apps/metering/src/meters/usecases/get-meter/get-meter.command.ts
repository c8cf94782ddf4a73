export class GetMeterCommand {
  constructor(readonly key: string) {}
}
