/** Entities → the DTOs of @tenantry/notifications-api. */
import type { NotificationListDto, NotificationPreferencesDto, NotificationTemplateDto, NotificationViewDto } from '@tenantry/notifications-api';
import { Delivery } from './deliveries/delivery.repository';
import { TenantPreferences } from './usecases/get-preferences/get-preferences.use-case';
import { TemplateView } from './usecases/get-template/get-template.use-case';

export const CRITICAL_CATEGORIES = ['security', 'suspension', 'payment'];

export function toNotificationView(d: Delivery): NotificationViewDto {
  return {
    id: d.id, ...(d.tenantId ? { tenantId: d.tenantId } : {}), type: d.type, category: d.category, critical: d.critical, recipient: d.recipient, status: d.status, attempts: d.attempts,
    ...(d.lastError ? { lastError: d.lastError } : {}), ...(d.messageId ? { messageId: d.messageId } : {}), createdAt: d.createdAt.toISOString(), ...(d.sentAt ? { sentAt: d.sentAt.toISOString() } : {}),
  };
}

export function toNotificationList(page: { notifications: Delivery[]; nextCursor?: string }): NotificationListDto {
  return { notifications: page.notifications.map(toNotificationView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

export function toPreferences(p: TenantPreferences): NotificationPreferencesDto {
  return { tenantId: p.tenantId, recipients: p.recipients, critical: CRITICAL_CATEGORIES };
}

export function toTemplate(t: TemplateView): NotificationTemplateDto {
  return { type: t.type, language: t.language, subject: t.subject, html: t.html, text: t.text, overridden: t.overridden, ...(t.updatedAt ? { updatedAt: t.updatedAt.toISOString() } : {}), sample: t.sample };
}
