// Trial expiry driven by a ManualClock, in-process against the real Postgres (in a schema of its own, so
// no other run's trials are touched and no real-clock scheduler touches ours) and the real Kafka.
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { loadConfig } from '@tenantry/config';
import { TOPICS } from '@tenantry/contracts';
import { Clock, ServiceModule } from '@tenantry/service';
import { ManualClock } from '@tenantry/service/testing';
import { databaseUrl, devSecretsEnv, KAFKA_BROKERS, readTopic, testKafka, uniqueName } from '@tenantry/testing';
import { quoteIdent, Transactions } from '@tenantry/persistence';
import { SERVICE } from '../src/service';
import { TenantRegistryConfig } from '../src/tenant-registry.config';
import { PostgresTenantRepository } from '../src/tenants/postgres-tenant.repository';
import { TenantRepository } from '../src/tenants/tenant.repository';
import { TenantStatusChanges } from '../src/tenants/tenant-status-change';
import { CreateTenantCommand } from '../src/tenants/usecases/create-tenant/create-tenant.command';
import { CreateTenantUseCase } from '../src/tenants/usecases/create-tenant/create-tenant.use-case';
import { ExpireTrialsCommand } from '../src/tenants/usecases/expire-trials/expire-trials.command';
import { ExpireTrialsUseCase } from '../src/tenants/usecases/expire-trials/expire-trials.use-case';
import { GetTenantHistoryCommand } from '../src/tenants/usecases/get-tenant-history/get-tenant-history.command';
import { GetTenantHistoryUseCase } from '../src/tenants/usecases/get-tenant-history/get-tenant-history.use-case';
import { GetTenantCommand } from '../src/tenants/usecases/get-tenant/get-tenant.command';
import { GetTenantUseCase } from '../src/tenants/usecases/get-tenant/get-tenant.use-case';
import { RecordProvisioningOutcomeCommand } from '../src/tenants/usecases/record-provisioning-outcome/record-provisioning-outcome.command';
import { RecordProvisioningOutcomeUseCase } from '../src/tenants/usecases/record-provisioning-outcome/record-provisioning-outcome.use-case';
import { suffix } from './tenant-registry-client';

jest.setTimeout(120_000);

const DAY_MS = 86_400_000;
const START = new Date('2026-06-01T12:00:00.000Z');
const BY = { actor: 'key:int-test', requestId: null };

describe(ExpireTrialsUseCase.name, () => {
  const clock = new ManualClock(START);
  const schema = uniqueName('tr_expiry');
  let app: INestApplicationContext;

  beforeAll(async () => {
    const config = loadConfig(TenantRegistryConfig, { DATABASE_URL: databaseUrl(), KAFKA_BROKERS, ...devSecretsEnv(), LOG_LEVEL: 'warn', OUTBOX_POLL_MS: '200' });
    @Module({
      imports: [ServiceModule.forRoot({ definition: { ...SERVICE, schema }, config })],
      providers: [
        { provide: Clock, useValue: clock },
        { provide: TenantRepository, useClass: PostgresTenantRepository },
        TenantStatusChanges,
        CreateTenantUseCase,
        RecordProvisioningOutcomeUseCase,
        ExpireTrialsUseCase,
        GetTenantUseCase,
        GetTenantHistoryUseCase,
      ],
    })
    class TrialExpiryTestModule {}
    app = await NestFactory.createApplicationContext(TrialExpiryTestModule, { logger: false });
  });

  afterAll(async () => {
    const dataSource = app?.get(DataSource);
    if (dataSource?.isInitialized) await dataSource.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    await app?.close();
  });

  async function trialTenant(duration?: number): Promise<string> {
    const label = `trial-${suffix()}`;
    const tenant = await app.get(CreateTenantUseCase).execute(new CreateTenantCommand(`Trial ${label}`, 'ops@trial.example', { value: label }, { id: 'starter', trial: true, duration }, {}, {}, BY));
    const outcome = await app.get(Transactions).run((tx) => app.get(RecordProvisioningOutcomeUseCase).execute(new RecordProvisioningOutcomeCommand(tenant.id, 'provisioned', { actor: 'provisioning', requestId: null }), tx));
    expect(outcome).toMatchObject({ applied: true, tenant: { status: 'trial' } });
    return tenant.id;
  }

  const statusOf = async (tenantId: string) => (await app.get(GetTenantUseCase).execute(new GetTenantCommand(tenantId))).status;

  it('deactivates trials once the clock passes their end, and only those', async () => {
    clock.set(START);
    const fourteenDays = [await trialTenant(), await trialTenant(), await trialTenant()];
    const thirtyDays = await trialTenant(30);
    const sut = app.get(ExpireTrialsUseCase);

    clock.advance(14 * DAY_MS - 1_000);
    expect(await sut.execute(new ExpireTrialsCommand())).toEqual([]);

    clock.advance(2_000);
    expect((await sut.execute(new ExpireTrialsCommand(2))).sort()).toEqual([...fourteenDays].sort());
    for (const id of fourteenDays) expect(await statusOf(id)).toBe('inactive');
    expect(await statusOf(thirtyDays)).toBe('trial');

    const history = await app.get(GetTenantHistoryUseCase).execute(new GetTenantHistoryCommand(fourteenDays[0] as string));
    expect(history.map((row) => [row.from, row.to, row.actor])).toEqual([
      [null, 'provisioning', 'key:int-test'],
      ['provisioning', 'trial', 'provisioning'],
      ['trial', 'inactive', 'system'],
    ]);
    expect(history[2]).toMatchObject({ reason: 'trial expired', at: clock.now() });

    clock.advance(16 * DAY_MS);
    expect(await sut.execute(new ExpireTrialsCommand())).toEqual([thirtyDays]);

    const messages = await readTopic(testKafka(), TOPICS.TENANT_LIFECYCLE.name, (all) => fourteenDays.every((id) => all.some((m) => m.key === id && m.headers['ce_type'] === 'TenantDeactivated')));
    const deactivated = messages.find((m) => m.key === fourteenDays[0] && m.headers['ce_type'] === 'TenantDeactivated');
    expect(JSON.parse(deactivated?.value ?? '{}')).toMatchObject({ from: 'trial', to: 'inactive', actor: 'system', reason: 'trial expired' });
  });

  it('lets two sweeps run at once without deactivating any tenant twice', async () => {
    clock.set(START);
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(await trialTenant());
    clock.advance(15 * DAY_MS);
    const sut = app.get(ExpireTrialsUseCase);

    const [first, second] = await Promise.all([sut.execute(new ExpireTrialsCommand(2)), sut.execute(new ExpireTrialsCommand(2))]);

    const all = [...(first ?? []), ...(second ?? [])];
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const history = await app.get(GetTenantHistoryUseCase).execute(new GetTenantHistoryCommand(id));
      expect(history.filter((row) => row.to === 'inactive')).toHaveLength(1);
    }
  });
});
