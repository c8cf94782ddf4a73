/** Records the usage one collection run measured: every event through metering's outbox, in one transaction. */
import { Injectable } from '@nestjs/common';
import { UsageRecordedPayload } from '@tenantry/contracts';
import { OutboundEvent, OutboxWriter } from '@tenantry/messaging';
import { Transactions } from '@tenantry/persistence';
import { MeterCatalogue } from '../meters/meter-catalogue';

export abstract class CollectedUsageRecorder {
  abstract record(events: readonly UsageRecordedPayload[], at: Date): Promise<void>;
}

@Injectable()
export class OutboxCollectedUsageRecorder extends CollectedUsageRecorder {
  constructor(
    private readonly transactions: Transactions,
    private readonly outbox: OutboxWriter,
    private readonly meters: MeterCatalogue,
  ) {
    super();
  }

  async record(events: readonly UsageRecordedPayload[], at: Date): Promise<void> {
    if (events.length === 0) return;
    await this.transactions.run(async (tx) => {
      await this.outbox.publishMany(
        tx,
        events.map((payload): OutboundEvent => ({ type: 'UsageRecorded', payload: this.meters.decorate(payload), options: { time: at } })),
      );
    });
  }
}
