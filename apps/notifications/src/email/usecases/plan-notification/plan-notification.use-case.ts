/**
 * Turns an event into delivery rows, one per recipient, in the consuming event's transaction: the
 * tenant's admin for its own events, NOTIFY_OPERATOR_EMAILS for operator events. A recipient who
 * switched the (non-critical) category off gets a `suppressed` row and no mail. A digest type
 * (usage alerts) joins the recipient's waiting digest, or waits until a window after the last one.
 * Rows are unique by event, recipient and type, so a redelivered event plans nothing new.
 */
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { tenantScope, Transaction } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { NotificationsConfig } from '../../../notifications.config';
import { DeliveryRepository } from '../../deliveries/delivery.repository';
import { TenantDirectory } from '../../directory/tenant-directory.repository';
import { NOTIFICATION_TYPES } from '../../notification-types';
import { PreferenceRepository } from '../../preferences/preference.repository';
import { PlanNotificationCommand } from './plan-notification.command';

/** A stable UUID (v4 layout) from the dedup key: the delivery's id and Message-ID never change. */
export function deliveryIdOf(dedupKey: string): string {
  const hex = createHash('sha256').update(dedupKey).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

@Injectable()
export class PlanNotificationUseCase {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly directory: TenantDirectory,
    private readonly preferences: PreferenceRepository,
    private readonly clock: Clock,
    private readonly config: NotificationsConfig,
  ) {}

  /** Returns how many rows were added. */
  async execute(command: PlanNotificationCommand, tx: Transaction): Promise<number> {
    const definition = NOTIFICATION_TYPES[command.type];
    const now = this.clock.now();
    let recipients: string[];
    // An owner mail about a tenant goes to its admin(s); about the platform, to the operators.
    const audience = definition.audience === 'owner' ? (command.tenantId ? 'tenant-admins' : 'operators') : definition.audience;
    if (audience === 'operators') {
      recipients = this.config.NOTIFY_OPERATOR_EMAILS.split(',').filter((a) => a !== '');
    } else if (definition.audience === 'invitee') {
      const email = command.data['email'];
      if (typeof email !== 'string' || email === '') throw new Error(`${command.type} needs data.email`);
      recipients = [email];
    } else {
      if (!command.tenantId) throw new Error(`${command.type} needs a tenant`);
      const entry = await this.directory.get(command.tenantId, tx);
      if (!entry?.adminEmail) {
        // No TenantCreated or TenantAdminCreated seen for it (a tenant from before notifications, or
        // events out of order across topics): recorded as failed in the log rather than blocking the partition.
        const dedupKey = `${command.eventId}:?:${command.type}`;
        const inserted = await this.deliveries.insert(tx, {
          id: deliveryIdOf(dedupKey), dedupKey, tenantId: command.tenantId, type: command.type, category: definition.category, critical: definition.critical,
          recipient: '', eventId: command.eventId, data: command.data, status: 'failed', nextAttemptAt: now, createdAt: now, lastError: 'no administrator known for the tenant (no TenantCreated seen)',
        });
        return inserted ? 1 : 0;
      }
      recipients = [entry.adminEmail];
    }
    let added = 0;
    for (const recipient of [...new Set(recipients.map((r) => r.toLowerCase()))]) {
      const dedupKey = `${command.eventId}:${recipient}:${command.type}`;
      let status: 'pending' | 'suppressed' = 'pending';
      let nextAttemptAt = now;
      if (command.tenantId && audience === 'tenant-admins') {
        const scope = tenantScope(command.tenantId);
        if (!definition.critical && !(await this.preferences.isEnabled(tx, scope, recipient, definition.category))) status = 'suppressed';
        if ('digest' in definition && definition.digest && status === 'pending') {
          const slot = await this.deliveries.digestSlot(tx, scope, recipient, definition.category);
          if (slot.waitingUntil) nextAttemptAt = slot.waitingUntil;
          else if (slot.lastSentAt) nextAttemptAt = new Date(Math.max(now.getTime(), slot.lastSentAt.getTime() + this.config.NOTIFY_DIGEST_WINDOW_SECONDS * 1000));
        }
      }
      const inserted = await this.deliveries.insert(tx, {
        id: deliveryIdOf(dedupKey),
        dedupKey,
        tenantId: audience === 'operators' ? null : command.tenantId,
        type: command.type,
        category: definition.category,
        critical: definition.critical,
        recipient,
        eventId: command.eventId,
        data: command.data,
        status,
        nextAttemptAt,
        createdAt: now,
      });
      if (inserted) added += 1;
    }
    return added;
  }
}
