/**
 * Turns the gateway's API usage samples into UsageRecorded events, written through the outbox in
 * the consumer's transaction (one multi-row insert per batch). Samples of tenants metering does
 * not know, or knows as deleted, are left out.
 */
import { Injectable } from '@nestjs/common';
import { Transaction } from '@tenantry/persistence';
import { OutboundEvent, OutboxWriter } from '@tenantry/messaging';
import { MeterCatalogue } from '../../../meters/meter-catalogue';
import { TenantProjectionRepository } from '../../../tenants/tenant-projection.repository';
import { toUsageRecorded } from '../../api-usage-conversion';
import { ConvertApiUsageCommand } from './convert-api-usage.command';

@Injectable()
export class ConvertApiUsageUseCase {
  constructor(
    private readonly tenants: TenantProjectionRepository,
    private readonly outbox: OutboxWriter,
    private readonly meters: MeterCatalogue,
  ) {}

  async execute(command: ConvertApiUsageCommand, tx: Transaction): Promise<{ recorded: number }> {
    const tenantIds = [...new Set(command.samples.map((sample) => sample.payload.tenantId.toLowerCase()))];
    const statuses = await this.tenants.statuses(tenantIds);
    const events = command.samples
      .filter((sample) => {
        const status = statuses.get(sample.payload.tenantId.toLowerCase());
        return status !== undefined && status !== 'deleted';
      })
      .flatMap(toUsageRecorded)
      .map((payload) => this.meters.decorate(payload))
      .map((payload): OutboundEvent => ({ type: 'UsageRecorded', payload }));
    await this.outbox.publishMany(tx, events);
    return { recorded: events.length };
  }
}
