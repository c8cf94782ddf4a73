import { generateKeyPairSync } from 'node:crypto';
import { UsageRecordedPayload } from '@tenantry/contracts';
import { ManualClock } from '@tenantry/service/testing';
import { loadConfig } from '@tenantry/config';
import { MeteringConfig } from '../../../metering.config';
import { TenantResource } from '../../../resources/tenant-resource.row';
import { TenantResourceRepository } from '../../../resources/tenant-resource.repository';
import { KnownTenants } from '../../../tenants/testing/known-tenants.repository';
import { CollectedUsageRecorder } from '../../collected-usage.recorder';
import { StorageProbe } from '../../storage.probe';
import { TenantDatabaseProbe } from '../../tenant-database.probe';
import { CollectResourcesCommand } from './collect-resources.command';
import { CollectResourcesUseCase } from './collect-resources.use-case';

/** A verify key in the configured form (`<kid>:<SPKI DER base64>`): every internal service requires one. */
const VERIFY_KEYS = `unit:${generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;

const NOW = new Date('2026-06-10T12:03:20.000Z');
const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const SUSPENDED = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const UNKNOWN = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';

const resource = (tenantId: string): TenantResource => ({ tenantId, schemaName: `t_${tenantId.slice(0, 8)}`, storageRoot: `/storage/${tenantId}` });

class FakeResources extends TenantResourceRepository {
  constructor(private readonly all: TenantResource[]) {
    super();
  }
  async measured() {
    return this.all;
  }
  async register(): Promise<void> {
    throw new Error('the collector never changes the projection');
  }
  async retire(): Promise<void> {
    throw new Error('the collector never changes the projection');
  }
}

class FakeDatabase extends TenantDatabaseProbe {
  since?: Date;
  constructor(
    private readonly sizes: Record<string, string>,
    private readonly users: Record<string, string[] | Error>,
    private readonly sizesFail = false,
  ) {
    super();
  }
  async schemaSizes(schemas: readonly string[]) {
    if (this.sizesFail) throw new Error('tenant database unreachable');
    return new Map(schemas.flatMap((schema) => (this.sizes[schema] ? [[schema, this.sizes[schema]] as const] : [])));
  }
  async schemasWithLastLogin(schemas: readonly string[]) {
    return new Set(schemas.filter((schema) => this.users[schema] !== undefined));
  }
  async activeUsers(schema: string, since: Date) {
    this.since = since;
    const users = this.users[schema];
    if (users instanceof Error) throw users;
    return users ?? [];
  }
  /** Keyed like the schemas: a database's size under its name, its users under `<database>/<schema>`. */
  async databaseSizes(databases: readonly string[]) {
    // Like the real probe: no tenant database, no query.
    if (this.sizesFail && databases.length > 0) throw new Error('tenant database server unreachable');
    return new Map(databases.flatMap((database) => (this.sizes[database] ? [[database, this.sizes[database]] as const] : [])));
  }
  async activeUsersInDatabase(database: string, schema: string, since: Date) {
    this.since = since;
    const users = this.users[`${database}/${schema}`];
    if (users instanceof Error) throw users;
    return users;
  }
}

class FakeStorage extends StorageProbe {
  constructor(private readonly bytes: Record<string, bigint | Error>) {
    super();
  }
  async bytesUnder(root: string) {
    const value = this.bytes[root];
    if (value instanceof Error) throw value;
    return value;
  }
}

class RecordingRecorder extends CollectedUsageRecorder {
  runs: { events: UsageRecordedPayload[]; at: Date }[] = [];
  async record(events: readonly UsageRecordedPayload[], at: Date) {
    this.runs.push({ events: [...events], at });
  }
}

function setup(options: { database: FakeDatabase; storage: FakeStorage; resources?: TenantResource[] }) {
  const recorder = new RecordingRecorder();
  const config = loadConfig(MeteringConfig, { COLLECTOR_INTERVAL_MS: '300000', INTERNAL_AUTH_VERIFY_KEYS: VERIFY_KEYS });
  const sut = new CollectResourcesUseCase(
    new FakeResources(options.resources ?? [resource(A), resource(B), resource(SUSPENDED), resource(UNKNOWN)]),
    new KnownTenants({ [A]: 'active', [B]: 'inactive', [SUSPENDED]: 'suspended' }),
    options.database,
    options.storage,
    recorder,
    new ManualClock(NOW),
    config,
  );
  return { sut, recorder };
}

const recorded = (events: UsageRecordedPayload[]) => events.map((event) => `${event.tenantId.slice(0, 1)}:${event.metric}:${event.quantity}:${event.properties?.['userId'] ?? ''}`).sort();

describe(CollectResourcesUseCase.name, () => {
  it('records every metric of every measurable tenant in one run, and nothing for suspended or unknown tenants', async () => {
    const database = new FakeDatabase({ t_aaaaaaaa: '81920', t_bbbbbbbb: '16384', t_cccccccc: '1' }, { t_aaaaaaaa: ['u1', 'u2'], t_bbbbbbbb: [] });
    const { sut, recorder } = setup({ database, storage: new FakeStorage({ [`/storage/${A}`]: 5000n, [`/storage/${B}`]: 0n, [`/storage/${SUSPENDED}`]: 1n }) });

    const report = await sut.execute(new CollectResourcesCommand());

    expect(recorder.runs).toHaveLength(1);
    expect(recorder.runs[0]?.at).toEqual(NOW);
    expect(recorded(recorder.runs[0]?.events ?? [])).toEqual(['a:active_users:1:u1', 'a:active_users:1:u2', 'a:database_bytes:81920:', 'a:storage_bytes:5000:', 'b:database_bytes:16384:', 'b:storage_bytes:0:']);
    expect(recorder.runs[0]?.events.every((event) => event.source === 'collector' && event.timestamp === NOW.toISOString())).toBe(true);
    expect(database.since).toEqual(new Date('2026-05-11T12:03:20.000Z'));
    expect(report).toEqual({ slotStart: new Date('2026-06-10T12:00:00.000Z'), measuredAt: NOW, tenants: 2, events: 6, failures: [] });
  });

  it("records the other tenants and metrics when one tenant's measurement fails, and reports the failure", async () => {
    const database = new FakeDatabase({ t_aaaaaaaa: '81920' }, { t_aaaaaaaa: new Error('permission denied for table users'), t_bbbbbbbb: ['u9'] });
    const { sut, recorder } = setup({ database, storage: new FakeStorage({ [`/storage/${A}`]: new Error('EACCES: permission denied'), [`/storage/${B}`]: 42n }) });

    const report = await sut.execute(new CollectResourcesCommand());

    expect(recorded(recorder.runs[0]?.events ?? [])).toEqual(['a:database_bytes:81920:', 'b:active_users:1:u9', 'b:storage_bytes:42:']);
    expect(report.failures).toEqual(
      expect.arrayContaining([
        { tenantId: A, metric: 'storage_bytes', reason: 'EACCES: permission denied' },
        { tenantId: A, metric: 'active_users', reason: 'permission denied for table users' },
        { tenantId: B, metric: 'database_bytes', reason: 'schema t_bbbbbbbb not found' },
      ]),
    );
    expect(report.failures).toHaveLength(3);
  });

  it('measures a tenant with a database of its own by that whole database, and its users there, next to a tenant in the shared database', async () => {
    const own: TenantResource = { tenantId: A, schemaName: 't_0123abcd', databaseName: 't_0123abcd', storageRoot: `/storage/${A}` };
    const database = new FakeDatabase({ t_0123abcd: '7741955', t_bbbbbbbb: '16384' }, { 't_0123abcd/t_0123abcd': ['u1'], t_bbbbbbbb: ['u2'] });
    const { sut, recorder } = setup({ database, storage: new FakeStorage({ [`/storage/${A}`]: 1n, [`/storage/${B}`]: 2n }), resources: [own, resource(B)] });

    const report = await sut.execute(new CollectResourcesCommand());

    expect(recorded(recorder.runs[0]?.events ?? [])).toEqual(['a:active_users:1:u1', 'a:database_bytes:7741955:', 'a:storage_bytes:1:', 'b:active_users:1:u2', 'b:database_bytes:16384:', 'b:storage_bytes:2:']);
    expect(report.failures).toEqual([]);
  });

  it('reports a tenant database that is gone, and records the rest', async () => {
    const own: TenantResource = { tenantId: A, schemaName: 't_0123abcd', databaseName: 't_0123abcd', storageRoot: `/storage/${A}` };
    const database = new FakeDatabase({}, {});
    const { sut, recorder } = setup({ database, storage: new FakeStorage({ [`/storage/${A}`]: 3n }), resources: [own] });

    const report = await sut.execute(new CollectResourcesCommand());

    expect(recorded(recorder.runs[0]?.events ?? [])).toEqual(['a:storage_bytes:3:']);
    expect(report.failures).toEqual([{ tenantId: A, metric: 'database_bytes', reason: 'database t_0123abcd not found' }]);
  });

  it('still records storage and users when the size query for all tenants fails', async () => {
    const database = new FakeDatabase({}, { t_aaaaaaaa: ['u1'] }, true);
    const { sut, recorder } = setup({ database, storage: new FakeStorage({ [`/storage/${A}`]: 7n }) });

    const report = await sut.execute(new CollectResourcesCommand());

    expect(recorded(recorder.runs[0]?.events ?? [])).toEqual(['a:active_users:1:u1', 'a:storage_bytes:7:']);
    expect(report.failures).toEqual([{ metric: 'database_bytes', reason: 'tenant database unreachable' }]);
  });
});
