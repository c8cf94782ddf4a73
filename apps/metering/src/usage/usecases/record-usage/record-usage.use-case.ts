/**
 * Ingestion: checks every event, leaves out those already counted (or repeated in the request),
 * publishes the rest as UsageRecorded and reports per event only after Kafka acknowledged.
 */
import { Injectable } from '@nestjs/common';
import { UsageRecordedPayload } from '@tenantry/contracts';
import { Clock } from '@tenantry/service';
import { MeteringConfig } from '../../../metering.config';
import { recordedFields } from '../../../meters/meter';
import { MeterCatalogue } from '../../../meters/meter-catalogue';
import { TenantProjectionRepository } from '../../../tenants/tenant-projection.repository';
import { UsageResultView } from '../../dto/usage-view.dto';
import { ingestionUnavailable } from '../../usage.problems';
import { UsagePublisher } from '../../usage.publisher';
import { eventKey, UsageRepository } from '../../usage.repository';
import { checkUsageEvent, earliestCopyDay, UsageRejection, UsageRules } from '../../usage-rules';
import { RecordUsageCommand } from './record-usage.command';

const HOUR_MS = 3_600_000;
/** Everything that comes through the ingestion API, whoever sends it. */
const SOURCE = 'api';

@Injectable()
export class RecordUsageUseCase {
  constructor(
    private readonly tenants: TenantProjectionRepository,
    private readonly usage: UsageRepository,
    private readonly publisher: UsagePublisher,
    private readonly clock: Clock,
    private readonly config: MeteringConfig,
    private readonly meters: MeterCatalogue,
  ) {}

  async execute(command: RecordUsageCommand): Promise<UsageResultView[]> {
    const rules: UsageRules = { now: this.clock.now(), latenessMs: this.config.LATENESS_HOURS * HOUR_MS, maxFutureSkewMs: this.config.MAX_FUTURE_SKEW_MS };
    const tenantIds = [...new Set(command.events.map((event) => event.tenantId.toLowerCase()))].filter((id) => /^[0-9a-f-]{36}$/.test(id));
    const statuses = await this.tenants.statuses(tenantIds);
    // A key this instance does not know yet may be a meter just defined (on another instance): one shared reload.
    await this.meters.ensure(new Set(command.events.map((event) => event.metric)));
    const lookup = (key: string) => this.meters.get(key);
    const verdicts = command.events.map((event) => checkUsageEvent(event, statuses.get(event.tenantId.toLowerCase()), rules, lookup));
    // Clients' events are source `api` (reported): their ids are deduplicated among clients' ids only.
    const checked = verdicts.map((verdict): { payload: UsageRecordedPayload } | { reason: UsageRejection } => {
      if (!verdict.ok) return { reason: verdict.reason };
      const meter = lookup(verdict.event.metric);
      return { payload: { ...verdict.event, source: SOURCE, ...(meter ? recordedFields(meter, SOURCE, verdict.event.properties) : {}) } };
    });
    const acceptable = checked.flatMap((check) => ('payload' in check ? [check.payload] : []));
    // Only accepted events can have been counted, and they are never older than the lateness window.
    const since = earliestCopyDay(rules.now, rules.latenessMs);
    const counted = await this.usage.countedEvents(acceptable, since);

    const seen = new Set<string>();
    const results: UsageResultView[] = [];
    const toPublish: UsageRecordedPayload[] = [];
    checked.forEach((check, index) => {
      const eventId = command.events[index]?.eventId ?? '';
      if ('reason' in check) {
        results.push({ index, eventId, status: 'rejected', reason: check.reason });
        return;
      }
      const key = eventKey(check.payload);
      if (counted.has(key) || seen.has(key)) {
        results.push({ index, eventId, status: 'duplicate' });
        return;
      }
      seen.add(key);
      toPublish.push(check.payload);
      results.push({ index, eventId, status: 'accepted' });
    });

    try {
      await this.publisher.publish(toPublish);
    } catch (error) {
      throw ingestionUnavailable(error instanceof Error ? error.message : String(error));
    }
    return results;
  }
}
