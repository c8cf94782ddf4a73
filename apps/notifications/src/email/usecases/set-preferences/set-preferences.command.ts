import { NotificationCategory } from '../../notification-types';

export class SetPreferencesCommand {
  constructor(
    readonly tenantId: string,
    readonly recipient: string,
    readonly categories: Partial<Record<NotificationCategory, boolean>>,
  ) {}
}
