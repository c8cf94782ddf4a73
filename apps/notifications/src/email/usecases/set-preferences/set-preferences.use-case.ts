/** Switches categories on or off for one recipient of a tenant; critical mails are not a category here and cannot be switched off. */
import { Injectable } from '@nestjs/common';
import { tenantScope, Transactions } from '@tenantry/persistence';
import { Clock, COMMON_PROBLEMS } from '@tenantry/service';
import { TenantDirectory } from '../../directory/tenant-directory.repository';
import { PreferenceRepository } from '../../preferences/preference.repository';
import { GetPreferencesUseCase, TenantPreferences } from '../get-preferences/get-preferences.use-case';
import { GetPreferencesCommand } from '../get-preferences/get-preferences.command';
import { SetPreferencesCommand } from './set-preferences.command';

@Injectable()
export class SetPreferencesUseCase {
  constructor(
    private readonly preferences: PreferenceRepository,
    private readonly directory: TenantDirectory,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly read: GetPreferencesUseCase,
  ) {}

  async execute(command: SetPreferencesCommand): Promise<TenantPreferences> {
    if (!(await this.directory.get(command.tenantId))) throw COMMON_PROBLEMS['tenant-not-found'](`no tenant ${command.tenantId}`);
    const rows = Object.entries(command.categories).map(([category, enabled]) => ({ recipient: command.recipient, category, enabled: enabled === true }));
    await this.transactions.run((tx) => this.preferences.set(tx, tenantScope(command.tenantId), rows, this.clock.now()));
    return this.read.execute(new GetPreferencesCommand(command.tenantId));
  }
}
