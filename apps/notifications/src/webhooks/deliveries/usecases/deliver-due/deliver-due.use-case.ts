/**
 * One round of the delivery worker: claims the due attempts (a lease, so several instances share
 * the work and a crashed one's claims come back), signs and sends each, and records the outcome:
 * success ends the delivery and clears the endpoint's failing streak; a failure (non-2xx, timeout,
 * refused address) schedules the next attempt (retry-schedule.ts) or fails the delivery after the
 * last, and an endpoint whose attempts have all failed for WEBHOOK_DISABLE_AFTER_MS is disabled with
 * `WebhookEndpointDisabled` published through the outbox (the email half tells its owner).
 *
 * The schedule follows the injected clock; `webhook-timestamp` is the real sending instant, since
 * receivers check it against their own clocks. Deliveries of one endpoint are sent concurrently and
 * retried independently: ordering per endpoint is not promised.
 */
import { Inject, Injectable } from '@nestjs/common';
import { OutboxWriter } from '@tenantry/messaging';
import type { Logger } from '@tenantry/observability';
import { Transactions } from '@tenantry/persistence';
import { Clock, LOGGER, SystemClock } from '@tenantry/service';
import { PLATFORM_ACCESS } from '../../../endpoints/endpoint-access';
import { WebhookEndpointRepository } from '../../../endpoints/webhook-endpoint.repository';
import { SecretSealer } from '../../../signing/secret-sealer';
import { signatureHeader } from '../../../signing/webhook-signature';
import { WebhooksConfig } from '../../../webhooks.config';
import { nextAttemptAt } from '../../retry-schedule';
import { WebhookDeliveryRepository } from '../../webhook-delivery.repository';
import { ClaimedDelivery } from '../../webhook-delivery.row';
import { WebhookHttpClient, WebhookResponse } from '../../webhook-http-client';
import { DeliverDueCommand } from './deliver-due.command';

/** The real time, for `webhook-timestamp` only. */
const WALL_CLOCK = new SystemClock();

@Injectable()
export class DeliverDueUseCase {
  constructor(
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly transactions: Transactions,
    private readonly outbox: OutboxWriter,
    private readonly http: WebhookHttpClient,
    private readonly sealer: SecretSealer,
    private readonly clock: Clock,
    private readonly config: WebhooksConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Returns how many attempts were made. */
  async execute(command: DeliverDueCommand): Promise<number> {
    const now = this.clock.now();
    // Longer than any attempt can take, so a claim only comes back when its worker is gone.
    const leaseUntil = new Date(now.getTime() + this.config.WEBHOOK_TIMEOUT_MS * 3 + 30_000);
    const claimed = await this.deliveries.claimDue(now, leaseUntil, command.limit);
    await Promise.all(claimed.map((claim) => this.attempt(claim)));
    return claimed.length;
  }

  private async attempt(claim: ClaimedDelivery): Promise<void> {
    let response: WebhookResponse;
    try {
      response = await this.send(claim);
    } catch (error) {
      // Not the receiver's fault (a secret that does not open, say): logged as a failed attempt, retried on the schedule.
      this.logger.error({ err: error, deliveryId: claim.delivery.id, endpointId: claim.delivery.endpointId }, 'webhook attempt could not be made');
      response = { statusCode: null, latencyMs: 0, error: 'the attempt could not be made (see the notifications log)', responseExcerpt: null };
    }
    await this.record(claim, response);
  }

  private async send(claim: ClaimedDelivery): Promise<WebhookResponse> {
    const { delivery } = claim;
    const body = Buffer.from(delivery.body, 'utf8');
    const timestamp = Math.floor(WALL_CLOCK.now().getTime() / 1000);
    const secrets = [this.sealer.open(delivery.endpointId, claim.secretSealed)];
    if (claim.previousSecretSealed && claim.previousSecretExpiresAt && claim.previousSecretExpiresAt > this.clock.now()) {
      secrets.push(this.sealer.open(delivery.endpointId, claim.previousSecretSealed));
    }
    return this.http.send({
      url: claim.url,
      body,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Tenantry-Webhooks/1.0',
        'webhook-id': delivery.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signatureHeader(secrets, delivery.id, timestamp, body),
      },
    });
  }

  private async record(claim: ClaimedDelivery, response: WebhookResponse): Promise<void> {
    const at = this.clock.now();
    const succeeded = response.statusCode !== null && response.statusCode >= 200 && response.statusCode < 300;
    await this.transactions.run(async (tx) => {
      const delivery = await this.deliveries.lock(tx, claim.delivery.id);
      // Deleted with its endpoint, or redelivered/recorded by someone else meanwhile: this outcome is stale.
      if (!delivery || delivery.status !== 'pending' || delivery.attemptCount !== claim.delivery.attemptCount) return;
      await this.deliveries.addAttempt(tx, delivery.id, { attemptedAt: at, ...response });
      const attemptCount = delivery.attemptCount + 1;
      const endpoint = await this.endpoints.find(PLATFORM_ACCESS, delivery.endpointId, tx);
      if (succeeded) {
        await this.deliveries.saveState(tx, { id: delivery.id, status: 'succeeded', attemptCount, nextAttemptAt: null });
        if (endpoint?.failingSince) await this.endpoints.update(tx, { ...endpoint, failingSince: null });
        return;
      }
      const next = nextAttemptAt(attemptCount, at);
      await this.deliveries.saveState(tx, { id: delivery.id, status: next ? 'pending' : 'failed', attemptCount, nextAttemptAt: next ?? null });
      if (!endpoint?.enabled) return;
      const failingSince = endpoint.failingSince ?? at;
      if (at.getTime() - failingSince.getTime() < this.config.WEBHOOK_DISABLE_AFTER_MS) {
        if (!endpoint.failingSince) await this.endpoints.update(tx, { ...endpoint, failingSince });
        return;
      }
      const reason = `every delivery failed since ${failingSince.toISOString()}`;
      await this.endpoints.update(tx, { ...endpoint, enabled: false, disabledReason: reason, failingSince, updatedAt: at });
      await this.outbox.publish(tx, 'WebhookEndpointDisabled', {
        ...(endpoint.tenantId ? { tenantId: endpoint.tenantId } : {}),
        endpointId: endpoint.id,
        url: endpoint.url,
        reason,
        failingSince: failingSince.toISOString(),
        disabledAt: at.toISOString(),
      });
      this.logger.warn({ endpointId: endpoint.id, tenantId: endpoint.tenantId, failingSince }, 'webhook endpoint disabled: its deliveries failed for too long');
    });
  }
}
