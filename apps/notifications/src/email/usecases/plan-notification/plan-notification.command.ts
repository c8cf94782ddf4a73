import { NotificationType } from '../../notification-types';

/** An event someone should hear about: which mail, about which tenant (null: an operator mail about the platform), with what data. */
export class PlanNotificationCommand {
  constructor(
    readonly eventId: string,
    readonly type: NotificationType,
    readonly tenantId: string | null,
    readonly data: Record<string, unknown>,
  ) {}
}
