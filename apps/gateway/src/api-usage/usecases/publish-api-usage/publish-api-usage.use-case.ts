/** Writes one ApiUsageSampled per known tenant with activity, all through the outbox in one transaction. */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboundEvent, OutboxWriter } from '@tenantry/messaging';
import { KnownTenantsRepository } from '../../known-tenants.repository';
import { PublishApiUsageCommand } from './publish-api-usage.command';

@Injectable()
export class PublishApiUsageUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly tenants: KnownTenantsRepository,
  ) {}

  async execute(command: PublishApiUsageCommand): Promise<{ published: number }> {
    const { counts, windowEnd } = command.sample;
    if (counts.length === 0) return { published: 0 };
    return this.dataSource.transaction(async (tx) => {
      const known = await this.tenants.known(
        counts.map((count) => count.tenantId),
        tx,
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
