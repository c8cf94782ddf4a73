/** The mail log, newest first, optionally of one tenant, type or status; a page and the cursor of the next. */
import { Injectable } from '@nestjs/common';
import { Delivery, DeliveryRepository } from '../../deliveries/delivery.repository';
import { ListNotificationsCommand } from './list-notifications.command';

@Injectable()
export class ListNotificationsUseCase {
  constructor(private readonly deliveries: DeliveryRepository) {}

  async execute(command: ListNotificationsCommand): Promise<{ notifications: Delivery[]; nextCursor?: string }> {
    const { tenantId, type, status, cursor } = command.filter;
    const rows = await this.deliveries.list({ ...(tenantId ? { tenantId } : {}), ...(type ? { type } : {}), ...(status ? { status } : {}), ...(cursor ? { before: cursor } : {}), limit: command.limit + 1 });
    const page = rows.slice(0, command.limit);
    return { notifications: page, ...(rows.length > command.limit ? { nextCursor: page[page.length - 1]?.seq } : {}) };
  }
}
