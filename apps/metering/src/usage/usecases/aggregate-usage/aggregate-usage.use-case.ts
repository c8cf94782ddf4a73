/**
 * Counts usage exactly once: the events go into the day-partitioned dedup table, and only those
 * that were new there change the hour, day and month aggregates (a handful of multi-row statements
 * per batch, whatever its size). The billing months the batch changed are then evaluated against
 * the tenants' limits in the same transaction, so an alert commits with the usage that raised it.
 */
import { Injectable } from '@nestjs/common';
import { Transaction } from '@tenantry/persistence';
import { NonRetryableError } from '@tenantry/messaging';
import { USAGE_GRANULARITIES } from '@tenantry/usage-api';
import { LimitWindow } from '../../../alerts/alert.row';
import { EvaluateLimitAlertsCommand } from '../../../alerts/usecases/evaluate-limit-alerts/evaluate-limit-alerts.command';
import { EvaluateLimitAlertsUseCase } from '../../../alerts/usecases/evaluate-limit-alerts/evaluate-limit-alerts.use-case';
import { MeteringConfig } from '../../../metering.config';
import { Aggregation, utcDay, windowStart } from '../../../billable-metrics/metric-catalogue';
import { counts, groupKeys, mayRecordMeter, meterMember } from '../../../meters/meter';
import { MeterCatalogue } from '../../../meters/meter-catalogue';
import { COUNTED } from '../../usage-event.row';
import { AggregateContribution, UniqueMember, UsageEventRecord } from '../../usage-event.row';
import { UsagePartitionsRepository } from '../../usage-partitions.repository';
import { eventKey, memberKey, UsageRepository } from '../../usage.repository';
import { earliestCopyDay } from '../../usage-rules';
import { AggregateUsageCommand } from './aggregate-usage.command';

const HOUR_MS = 3_600_000;

@Injectable()
export class AggregateUsageUseCase {
  constructor(
    private readonly usage: UsageRepository,
    private readonly partitions: UsagePartitionsRepository,
    private readonly limitAlerts: EvaluateLimitAlertsUseCase,
    private readonly config: MeteringConfig,
    private readonly meters: MeterCatalogue,
  ) {}

  async execute(command: AggregateUsageCommand, tx: Transaction): Promise<{ counted: number }> {
    // A key this instance does not know yet may be a meter just defined (on another instance): one shared reload.
    await this.meters.ensure(new Set(command.events.map((payload) => payload.metric)));
    const details = new Map<string, EventDetails>();
    const records = command.events.map((payload): UsageEventRecord => {
      const meter = this.meters.get(payload.metric);
      // The consumer dead-letters these (after isolating them from the rest of the batch).
      if (!meter) throw new NonRetryableError(`unknown metric ${payload.metric}`);
      // Ingestion refuses these; anything else on the stream that claims a measured metric is not the collector's.
      if (!mayRecordMeter(meter, payload.source)) throw new NonRetryableError(`${payload.metric} is recorded by ${meter.recordedBy.join(', ')} only, not by ${payload.source}`);
      const member = meterMember(meter, payload.properties);
      if (meter.aggregation === 'unique' && member === undefined) throw new NonRetryableError(`${payload.metric} needs properties.${meter.valueProperty}`);
      const occurredAt = new Date(payload.timestamp);
      const record: UsageEventRecord = {
        tenantId: payload.tenantId.toLowerCase(),
        eventId: payload.eventId,
        occurredOn: utcDay(occurredAt),
        occurredAt,
        metric: meter.key,
        quantity: meter.aggregation === 'count' ? '1' : payload.quantity,
        source: payload.source,
        member: member ?? null,
      };
      // Whether it counts was decided when it was recorded (the event says so); older events by the meter's rule now.
      const counted = payload.counted ?? counts(meter, payload.source);
      if (!details.has(eventKey(record))) details.set(eventKey(record), { aggregation: meter.aggregation, counted, groups: counted ? groupKeys(meter, payload.properties) : [] });
      return record;
    });
    if (records.length === 0) return { counted: 0 };

    // The primary key holds the event's day (the partition key), so it cannot see a copy of the same
    // (source, eventId) on another day: a client retry whose timestamp moved past midnight UTC, published
    // before the first copy was counted. Such copies are dropped here: the first one counted wins.
    // (A tenant's events come from one partition, so no other transaction counts them meanwhile.)
    const firstCopies = new Map<string, UsageEventRecord>();
    for (const record of records) if (!firstCopies.has(eventKey(record))) firstCopies.set(eventKey(record), record);
    const earliest = records.reduce((min, record) => (record.occurredAt < min ? record.occurredAt : min), records[0]?.occurredAt ?? new Date());
    const since = earliestCopyDay(earliest, this.config.LATENESS_HOURS * HOUR_MS);
    const counted = await this.usage.countedEvents([...firstCopies.values()], since, tx);
    const candidates = [...firstCopies].flatMap(([key, record]) => (counted.has(key) ? [] : [record]));

    await this.partitions.ensure(candidates.map((record) => record.occurredOn), tx);
    const fresh = await this.usage.insertNewEvents(tx, candidates);

    // Each event adds to its source's figure, and, when its source counts, to the counted figure and
    // to the counted figure of each group-by value it carries.
    const members: UniqueMember[] = [];
    const contributions: AggregateContribution[] = [];
    for (const event of fresh) {
      const detail = details.get(eventKey(event));
      if (!detail) continue;
      const buckets: [string, string][] = [[event.source, '']];
      if (detail.counted) buckets.push([COUNTED, ''], ...detail.groups.map((group): [string, string] => [COUNTED, group]));
      for (const granularity of USAGE_GRANULARITIES) {
        const window = windowStart(granularity, event.occurredAt);
        for (const [source, groupKey] of buckets) {
          contributions.push({ tenantId: event.tenantId, metric: event.metric, granularity, windowStart: window, aggregation: detail.aggregation, quantity: event.quantity, occurredAt: event.occurredAt, source, groupKey, eventId: event.eventId, member: event.member });
          if (detail.aggregation === 'unique' && event.member !== null) {
            members.push({ tenantId: event.tenantId, metric: event.metric, granularity, windowStart: window, source, groupKey, member: event.member });
          }
        }
      }
    }

    const newMembers = await this.usage.insertNewMembers(tx, members);
    for (const contribution of contributions) {
      if (contribution.aggregation !== 'unique') continue;
      const member = contribution.member;
      const key = member ? memberKey({ ...contribution, member }) : undefined;
      // A member counts once per window: the first event that brought it in this batch takes the 1.
      contribution.quantity = key !== undefined && newMembers.delete(key) ? '1' : '0';
    }
    await this.usage.applyContributions(tx, contributions);

    const months = new Map<string, LimitWindow>();
    for (const c of contributions) {
      if (c.granularity === 'month' && c.source === COUNTED && c.groupKey === '') months.set(`${c.tenantId}\u0000${c.metric}\u0000${c.windowStart.getTime()}`, { tenantId: c.tenantId, metric: c.metric, periodStart: c.windowStart });
    }
    await this.limitAlerts.execute(new EvaluateLimitAlertsCommand([...months.values()]), tx);
    return { counted: fresh.length };
  }
}

interface EventDetails {
  aggregation: Aggregation;
  counted: boolean;
  groups: string[];
}
