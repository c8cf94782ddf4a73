/** A tenant's subscription with its billing account, or 404 tenant-not-found. */
import { Injectable } from '@nestjs/common';
import { tenantScope } from '@tenantry/persistence';
import { COMMON_PROBLEMS } from '@tenantry/service';
import { SubscriptionRepository } from '../../subscription.repository';
import { SubscriptionWithAccount } from '../../subscription.row';
import { GetSubscriptionCommand } from './get-subscription.command';

@Injectable()
export class GetSubscriptionUseCase {
  constructor(private readonly subscriptions: SubscriptionRepository) {}

  async execute(command: GetSubscriptionCommand): Promise<SubscriptionWithAccount> {
    const found = await this.subscriptions.find(tenantScope(command.tenantId));
    if (!found) throw COMMON_PROBLEMS['tenant-not-found'](`Tenant ${command.tenantId} has no subscription`, { tenantId: command.tenantId });
    return found;
  }
}
