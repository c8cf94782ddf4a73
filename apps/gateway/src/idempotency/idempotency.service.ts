/**
 * Runs a request at most once per (API key, Idempotency-Key): the first caller claims the key and
 * does the work; concurrent callers with the same request wait for its answer and get it replayed;
 * a different request under the same key is refused.
 */
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Logger } from '@tenantry/observability';
import { Clock, LOGGER, PeriodicJob } from '@tenantry/service';
import { GatewayConfig } from '../gateway.config';
import { GATEWAY_PROBLEMS } from '../problems';
import { StoredResponse } from './idempotency-record.row';
import { IdempotencyRepository, IdempotencyScope } from './idempotency.repository';

const POLL_MS = 50;
const HOUR_MS = 3_600_000;

export interface IdempotentOutcome {
  response: StoredResponse;
  replayed: boolean;
}

@Injectable()
export class IdempotencyService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly pruner: PeriodicJob;

  constructor(
    private readonly records: IdempotencyRepository,
    private readonly clock: Clock,
    private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.pruner = new PeriodicJob({ name: 'idempotency key pruning', intervalMs: HOUR_MS, runAtStart: false }, async () => {
      const count = await this.records.pruneExpired(this.clock.now());
      if (count > 0) this.logger.info({ count }, 'expired idempotency keys pruned');
    }, this.logger);
  }

  /** How long a waiter waits for the first request, and after which an in-progress claim is taken as abandoned (a crashed gateway). */
  private get waitMs(): number {
    return this.config.UPSTREAM_TIMEOUT_MS * 2 + 2_000;
  }

  async run(scope: IdempotencyScope, requestHash: string, work: () => Promise<StoredResponse>): Promise<IdempotentOutcome> {
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const now = this.clock.now();
      if (await this.records.claim(scope, requestHash, now, new Date(now.getTime() + this.config.IDEMPOTENCY_TTL_HOURS * HOUR_MS))) {
        return { response: await this.perform(scope, work), replayed: false };
      }
      const existing = await this.records.find(scope);
      if (!existing) continue;
      if (existing.requestHash !== requestHash) {
        throw GATEWAY_PROBLEMS['idempotency-key-reused']('This Idempotency-Key was first used with a different request body; use a new key.');
      }
      if (existing.state === 'completed' && existing.response) return { response: existing.response, replayed: true };
      if (now.getTime() - existing.createdAt.getTime() > this.waitMs) {
        await this.records.release(scope, existing.createdAt);
        continue;
      }
      if (Date.now() > deadline) {
        throw GATEWAY_PROBLEMS['idempotency-key-in-progress']('The first request with this Idempotency-Key has not finished; retry later.');
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** Server-side failures are not kept: the client may retry them under the same key. */
  private async perform(scope: IdempotencyScope, work: () => Promise<StoredResponse>): Promise<StoredResponse> {
    let response: StoredResponse;
    try {
      response = await work();
    } catch (error) {
      await this.records.release(scope);
      throw error;
    }
    if (response.status >= 500) await this.records.release(scope);
    else await this.records.complete(scope, response);
    return response;
  }

  onApplicationBootstrap(): void {
    this.pruner.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.pruner.stop();
  }
}
