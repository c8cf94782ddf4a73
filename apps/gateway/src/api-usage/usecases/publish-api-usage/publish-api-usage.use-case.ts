/** Writes one ApiUsageSampled per known tenant with activity, all through the outbox in one transaction. */
import { Injectable } from '@nestjs/common';
import { OutboundEvent, OutboxWriter } from '@tenantry/messaging';
import { Transactions } from '@tenantry/persistence';
import { KnownTenantsRepository } from '../../known-tenants.repository';
import { PublishApiUsageCommand } from './publish-api-usage.command';

@Injectable()
export class PublishApiUsageUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly outbox: OutboxWriter,
    private readonly tenants: KnownTenantsRepository,
  ) {}

  async execute(command: PublishApiUsageCommand): Promise<{ published: number }> {
    const { counts, windowEnd } = command.sample;
    if (counts.length === 0) return { published: 0 };
    return this.transactions.run(async (tx) => {
      const known = await this.tenants.known(
        tx,
        counts.map((count) => count.tenantId),
      );
      const events = counts
        .filter((count) => known.has(count.tenantId))
        .map(
          (count): OutboundEvent => ({
            type: 'ApiUsageSampled',
            payload: {
              tenantId: count.tenantId,
              windowStart: count.windowStart.toISOString(),
              windowEnd: windowEnd.toISOString(),
              apiCalls: count.apiCalls,
              requestBytes: count.requestBytes,
              responseBytes: count.responseBytes,
            },
            options: { time: windowEnd },
          }),
        );
      await this.outbox.publishMany(tx, events);
      return { published: events.length };
    });
  }
}
