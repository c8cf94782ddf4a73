/**
 * Every kind of mail notifications sends: its preference category, whether it is critical (sent
 * whatever the recipient's preferences, without an unsubscribe link) and who receives it.
 */
export const NOTIFICATION_CATEGORIES = ['usage', 'billing', 'lifecycle', 'product'] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

/** Categories of critical mails: not switchable, listed for the log. */
export type CriticalCategory = 'security' | 'suspension' | 'payment' | 'operations';

export interface NotificationTypeDefinition {
  category: NotificationCategory | CriticalCategory;
  critical: boolean;
  /** `invitee`: the address the event names (an invited tenant user), not the tenant's admin. `owner`: the tenant's admin(s) when the event names a tenant, the operators when it does not (a platform-wide webhook endpoint). */
  audience: 'tenant-admins' | 'operators' | 'invitee' | 'owner';
  /** Usage alerts within NOTIFY_DIGEST_WINDOW_SECONDS go out as one digest. */
  digest?: boolean;
}

export const NOTIFICATION_TYPES = {
  welcome: { category: 'security', critical: true, audience: 'tenant-admins' },
  'usage-alert': { category: 'usage', critical: false, audience: 'tenant-admins', digest: true },
  'trial-ending': { category: 'billing', critical: false, audience: 'tenant-admins' },
  'invoice-issued': { category: 'billing', critical: false, audience: 'tenant-admins' },
  'payment-failed': { category: 'payment', critical: true, audience: 'tenant-admins' },
  'dunning-warning': { category: 'payment', critical: true, audience: 'tenant-admins' },
  'tenant-suspended': { category: 'suspension', critical: true, audience: 'tenant-admins' },
  'tenant-reactivated': { category: 'lifecycle', critical: false, audience: 'tenant-admins' },
  'offboarding-complete': { category: 'lifecycle', critical: false, audience: 'tenant-admins' },
  'provisioning-failed': { category: 'operations', critical: true, audience: 'operators' },
  'performance-degraded': { category: 'operations', critical: true, audience: 'operators' },
  'churn-risk': { category: 'operations', critical: true, audience: 'operators' },
  'retention-check-in': { category: 'lifecycle', critical: false, audience: 'tenant-admins' },
  'win-back': { category: 'product', critical: false, audience: 'tenant-admins' },
  // From the platform's operators: a bulk job's message to the admins, and a maintenance window that will affect the tenant.
  'admin-message': { category: 'lifecycle', critical: false, audience: 'tenant-admins' },
  'maintenance-scheduled': { category: 'lifecycle', critical: false, audience: 'tenant-admins' },
  'user-invited': { category: 'security', critical: true, audience: 'invitee' },
  'impersonation-started': { category: 'security', critical: true, audience: 'tenant-admins' },
  'webhook-endpoint-disabled': { category: 'operations', critical: true, audience: 'owner' },
} as const satisfies Record<string, NotificationTypeDefinition>;

export type NotificationType = keyof typeof NOTIFICATION_TYPES;
export const NOTIFICATION_TYPE_NAMES = Object.keys(NOTIFICATION_TYPES) as NotificationType[];

export function isNotificationType(value: string): value is NotificationType {
  return Object.prototype.hasOwnProperty.call(NOTIFICATION_TYPES, value);
}

export function notificationType(type: NotificationType): NotificationTypeDefinition {
  return NOTIFICATION_TYPES[type];
}
