/**
 * The meters every instance keeps in memory: the hot paths (ingestion, aggregation) look meters up
 * here and never in the database per event. The cache is refreshed
 * - at start (before the service takes traffic),
 * - every METER_CACHE_TTL_MS in the background,
 * - at once on this instance when a meter is defined or changed through it, and
 * - on demand when an event names a key the cache does not know (a meter another instance just
 *   defined): one reload, shared by every caller waiting at that moment and at most one per
 *   METER_MISS_RELOAD_MS, so a stream of unknown keys costs one query per interval, not per event.
 * So a meter's events are accepted from the moment its definition committed, on every instance.
 * COUNTED_SOURCES (env) overrides the counted sources of the meters it names.
 */
import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { UsageRecordedPayload, UsageSource } from '@tenantry/contracts';
import { MeteringConfig, parseCountedSources } from '../metering.config';
import { Meter, recordedFields } from './meter';
import { MeterRepository } from './meter.repository';

@Injectable()
export class MeterCatalogue implements OnApplicationBootstrap, OnModuleDestroy {
  private meters = new Map<string, Meter>();
  private loading: Promise<void> | undefined;
  private lastLoad = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly overrides: Map<string, UsageSource[]>;

  constructor(
    private readonly repository: MeterRepository,
    private readonly config: MeteringConfig,
  ) {
    this.overrides = parseCountedSources(config.COUNTED_SOURCES);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => void this.reload().catch(() => undefined), this.config.METER_CACHE_TTL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  get(key: string): Meter | undefined {
    return this.meters.get(key);
  }

  all(): Meter[] {
    return [...this.meters.values()].sort((a, b) => a.key.localeCompare(b.key));
  }

  /** The payload with what its meter decides now: whether its source counts, how it aggregates and a unique meter's member (for consumers such as billing). */
  decorate(payload: UsageRecordedPayload): UsageRecordedPayload {
    const meter = this.meters.get(payload.metric);
    return meter ? { ...payload, ...recordedFields(meter, payload.source, payload.properties) } : payload;
  }

  /** Makes sure the keys are known if they exist: reloads once (rate-limited) when one is missing. */
  async ensure(keys: Iterable<string>): Promise<void> {
    for (const key of keys) {
      if (this.meters.has(key)) continue;
      if (this.loading) return this.loading.catch(() => undefined);
      if (Date.now() - this.lastLoad < this.config.METER_MISS_RELOAD_MS) return;
      // A failed reload leaves the cache as it was: the unknown key is then refused as unknown.
      return this.reload().catch(() => undefined);
    }
  }

  /** Reloads every meter (one query); concurrent callers share it. */
  reload(): Promise<void> {
    this.loading ??= this.repository
      .all()
      .then((meters) => {
        this.meters = new Map(meters.map((meter) => [meter.key, this.withOverrides(meter)]));
      })
      .finally(() => {
        this.lastLoad = Date.now();
        this.loading = undefined;
      });
    return this.loading;
  }

  /** Takes a definition this instance just committed, before the next reload. */
  put(meter: Meter): void {
    this.meters.set(meter.key, this.withOverrides(meter));
  }

  private withOverrides(meter: Meter): Meter {
    const counted = this.overrides.get(meter.key);
    return counted ? { ...meter, countedSources: counted } : meter;
  }
}
