export class GetPreferencesCommand {
  constructor(readonly tenantId: string) {}
}
