/** A tenant's recipients (its admin, and whoever has a preference) with each switchable category on or off. */
import { Injectable } from '@nestjs/common';
import { COMMON_PROBLEMS } from '@tenantry/service';
import { tenantScope } from '@tenantry/persistence';
import { TenantDirectory } from '../../directory/tenant-directory.repository';
import { NOTIFICATION_CATEGORIES, NotificationCategory } from '../../notification-types';
import { PreferenceRepository } from '../../preferences/preference.repository';
import { GetPreferencesCommand } from './get-preferences.command';

export interface TenantPreferences {
  tenantId: string;
  recipients: { recipient: string; categories: Record<NotificationCategory, boolean> }[];
}

@Injectable()
export class GetPreferencesUseCase {
  constructor(
    private readonly preferences: PreferenceRepository,
    private readonly directory: TenantDirectory,
  ) {}

  async execute(command: GetPreferencesCommand): Promise<TenantPreferences> {
    const entry = await this.directory.get(command.tenantId);
    if (!entry) throw COMMON_PROBLEMS['tenant-not-found'](`no tenant ${command.tenantId}`);
    const rows = await this.preferences.list(tenantScope(command.tenantId));
    const recipients = [...new Set([...(entry.adminEmail ? [entry.adminEmail] : []), ...rows.map((r) => r.recipient)])];
    return {
      tenantId: command.tenantId,
      recipients: recipients.map((recipient) => ({
        recipient,
        categories: Object.fromEntries(NOTIFICATION_CATEGORIES.map((c) => [c, rows.find((r) => r.recipient === recipient && r.category === c)?.enabled ?? true])) as Record<NotificationCategory, boolean>,
      })),
    };
  }
}
