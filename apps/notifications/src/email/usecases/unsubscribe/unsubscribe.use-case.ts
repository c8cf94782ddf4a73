/**
 * One-click unsubscribe (RFC 8058): a valid token switches off its one category for its one recipient
 * and tenant. Idempotent. Without `apply` the token is only checked (the link's confirmation page).
 */
import { Injectable } from '@nestjs/common';
import { tenantScope, Transactions } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { EMAIL_PROBLEMS } from '../../email.problems';
import { NOTIFICATION_CATEGORIES } from '../../notification-types';
import { PreferenceRepository } from '../../preferences/preference.repository';
import { UnsubscribeTokens } from '../../preferences/unsubscribe-token';
import { UnsubscribeCommand } from './unsubscribe.command';

@Injectable()
export class UnsubscribeUseCase {
  constructor(
    private readonly tokens: UnsubscribeTokens,
    private readonly preferences: PreferenceRepository,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  async execute(command: UnsubscribeCommand): Promise<{ category: string; tenantId: string; unsubscribed: boolean }> {
    const claims = this.tokens.verify(command.token);
    if (!claims || !(NOTIFICATION_CATEGORIES as readonly string[]).includes(claims.category)) throw EMAIL_PROBLEMS['invalid-unsubscribe-token']();
    if (!command.apply) return { category: claims.category, tenantId: claims.tenantId, unsubscribed: false };
    await this.transactions.run((tx) => this.preferences.set(tx, tenantScope(claims.tenantId), [{ recipient: claims.recipient, category: claims.category, enabled: false }], this.clock.now()));
    return { category: claims.category, tenantId: claims.tenantId, unsubscribed: true };
  }
}
