/**
 * Measures every provisioned tenant that may record usage — database size (its schema in the
 * shared tenant database, or its whole database in the database-per-tenant tier), storage size, users
 * active in the last 30 days — and records the readings as UsageRecorded (source `collector`) in one
 * outbox transaction. A tenant whose measurement fails loses that metric for this run only; the
 * others are recorded all the same, and the failures are reported.
 */
import { Injectable } from '@nestjs/common';
import { UsageRecordedPayload } from '@tenantry/contracts';
import { Clock } from '@tenantry/service';
import { MeteringConfig } from '../../../metering.config';
import { TenantResource } from '../../../resources/tenant-resource.row';
import { TenantResourceRepository } from '../../../resources/tenant-resource.repository';
import { TenantProjectionRepository } from '../../../tenants/tenant-projection.repository';
import { ACTIVE_USER_WINDOW_DAYS, CollectedMetric, collectionSlot, isMeasurable, TenantMeasurement, usageOf } from '../../collection-plan';
import { CollectedUsageRecorder } from '../../collected-usage.recorder';
import { StorageProbe } from '../../storage.probe';
import { TenantDatabaseProbe } from '../../tenant-database.probe';
import { CollectResourcesCommand } from './collect-resources.command';

const DAY_MS = 86_400_000;
/** Tenants measured at once: bounded by the probe's connection pool and file handles. */
const TENANT_CONCURRENCY = 4;

export interface MeasurementFailure {
  /** Undefined when a query for all tenants failed. */
  tenantId?: string;
  metric: CollectedMetric;
  reason: string;
}

export interface CollectionReport {
  slotStart: Date;
  measuredAt: Date;
  tenants: number;
  events: number;
  failures: MeasurementFailure[];
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

@Injectable()
export class CollectResourcesUseCase {
  constructor(
    private readonly resources: TenantResourceRepository,
    private readonly tenants: TenantProjectionRepository,
    private readonly database: TenantDatabaseProbe,
    private readonly storage: StorageProbe,
    private readonly recorder: CollectedUsageRecorder,
    private readonly clock: Clock,
    private readonly config: MeteringConfig,
  ) {}

  async execute(_command: CollectResourcesCommand): Promise<CollectionReport> {
    const measuredAt = this.clock.now();
    const slotStart = collectionSlot(measuredAt, this.config.COLLECTOR_INTERVAL_MS);
    const failures: MeasurementFailure[] = [];

    const provisioned = await this.resources.measured();
    const statuses = await this.tenants.statuses(provisioned.map((resource) => resource.tenantId));
    const measured = provisioned.filter((resource) => isMeasurable(statuses.get(resource.tenantId)));
    // Tier `schema`: a schema in the shared tenant database; tier `database`: a database of its own, measured whole.
    const schemas = measured.filter((resource) => !resource.databaseName).map((resource) => resource.schemaName);
    const databases = measured.flatMap((resource) => (resource.databaseName ? [resource.databaseName] : []));

    let schemaSizesMeasured = true;
    const sizes = await this.database.schemaSizes(schemas).catch((error: unknown) => {
      schemaSizesMeasured = false;
      failures.push({ metric: 'database_bytes', reason: reasonOf(error) });
      return new Map<string, string>();
    });
    let databaseSizesMeasured = true;
    const databaseSizes = await this.database.databaseSizes(databases).catch((error: unknown) => {
      databaseSizesMeasured = false;
      failures.push({ metric: 'database_bytes', reason: reasonOf(error) });
      return new Map<string, string>();
    });
    const withLastLogin = await this.database.schemasWithLastLogin(schemas).catch((error: unknown) => {
      failures.push({ metric: 'active_users', reason: reasonOf(error) });
      return new Set<string>();
    });
    const since = new Date(measuredAt.getTime() - ACTIVE_USER_WINDOW_DAYS * DAY_MS);

    const measure = async (resource: TenantResource): Promise<TenantMeasurement> => {
      const own = resource.databaseName;
      const measurement: TenantMeasurement = { tenantId: resource.tenantId, databaseBytes: own ? databaseSizes.get(own) : sizes.get(resource.schemaName) };
      if ((own ? databaseSizesMeasured : schemaSizesMeasured) && measurement.databaseBytes === undefined) {
        failures.push({ tenantId: resource.tenantId, metric: 'database_bytes', reason: own ? `database ${own} not found` : `schema ${resource.schemaName} not found` });
      }
      try {
        measurement.storageBytes = (await this.storage.bytesUnder(resource.storageRoot))?.toString();
      } catch (error) {
        failures.push({ tenantId: resource.tenantId, metric: 'storage_bytes', reason: reasonOf(error) });
      }
      if (own) {
        try {
          measurement.activeUserIds = await this.database.activeUsersInDatabase(own, resource.schemaName, since);
        } catch (error) {
          failures.push({ tenantId: resource.tenantId, metric: 'active_users', reason: reasonOf(error) });
        }
      } else if (withLastLogin.has(resource.schemaName)) {
        try {
          measurement.activeUserIds = await this.database.activeUsers(resource.schemaName, since);
        } catch (error) {
          failures.push({ tenantId: resource.tenantId, metric: 'active_users', reason: reasonOf(error) });
        }
      }
      return measurement;
    };

    const events: UsageRecordedPayload[] = [];
    for (let i = 0; i < measured.length; i += TENANT_CONCURRENCY) {
      const batch = await Promise.all(measured.slice(i, i + TENANT_CONCURRENCY).map(measure));
      for (const measurement of batch) events.push(...usageOf(measurement, measuredAt, slotStart));
    }
    await this.recorder.record(events, measuredAt);
    return { slotStart, measuredAt, tenants: measured.length, events: events.length, failures };
  }
}
