// The dedup partition maintenance driven by a ManualClock, in-process against the real Postgres in a
// schema of its own (so no other run's partitions are touched).
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { loadConfig } from '@tenantry/config';
import { quoteIdent } from '@tenantry/persistence';
import { Clock, ServiceModule } from '@tenantry/service';
import { ManualClock } from '@tenantry/service/testing';
import { databaseUrl, devSecretsEnv, KAFKA_BROKERS, uniqueName } from '@tenantry/testing';
import { MeteringConfig } from '../src/metering.config';
import { SERVICE } from '../src/service';
import { PostgresUsagePartitionsRepository } from '../src/usage/postgres-usage-partitions.repository';
import { UsagePartitionsRepository } from '../src/usage/usage-partitions.repository';
import { MaintainPartitionsCommand } from '../src/usage/usecases/maintain-partitions/maintain-partitions.command';
import { MaintainPartitionsUseCase } from '../src/usage/usecases/maintain-partitions/maintain-partitions.use-case';

jest.setTimeout(120_000);

describe(MaintainPartitionsUseCase.name, () => {
  const clock = new ManualClock(new Date('2026-01-10T12:00:00.000Z'));
  const schema = uniqueName('metering_parts');
  let app: INestApplicationContext;
  let sut: MaintainPartitionsUseCase;
  let partitions: UsagePartitionsRepository;

  beforeAll(async () => {
    const config = loadConfig(MeteringConfig, { DATABASE_URL: databaseUrl(), KAFKA_BROKERS, ...devSecretsEnv(), LOG_LEVEL: 'warn', LATENESS_HOURS: '72', USAGE_EVENT_RETENTION_DAYS: '32' });
    @Module({
      imports: [ServiceModule.forRoot({ definition: { ...SERVICE, schema }, config })],
      providers: [{ provide: Clock, useValue: clock }, { provide: UsagePartitionsRepository, useClass: PostgresUsagePartitionsRepository }, MaintainPartitionsUseCase],
    })
    class PartitionsTestModule {}
    app = await NestFactory.createApplicationContext(PartitionsTestModule, { logger: false });
    sut = app.get(MaintainPartitionsUseCase);
    partitions = app.get(UsagePartitionsRepository);
  });

  afterAll(async () => {
    if (!app) return;
    await app.get(DataSource).query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    await app.close();
  });

  it('creates a partition for every day of the lateness window and a few days ahead', async () => {
    const result = await sut.execute(new MaintainPartitionsCommand());

    const expected = ['2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09', '2026-01-10', '2026-01-11', '2026-01-12', '2026-01-13'];
    expect(result).toEqual({ created: expected, dropped: [] });
    expect(await partitions.existingDays()).toEqual(expected);
    expect(await sut.execute(new MaintainPartitionsCommand())).toEqual({ created: [], dropped: [] });
  });

  it('drops the partitions older than the retention, with their rows, and keeps the rest', async () => {
    const dataSource = app.get(DataSource);
    await dataSource.query(
      `INSERT INTO usage_event (tenant_id, event_id, occurred_on, occurred_at, metric, quantity, source) VALUES
        ('6f1c2a9e-4b7d-4c1e-9a53-2f0d8e7b1c44', 'old', '2026-01-07', '2026-01-07T10:00:00Z', 'api_calls', 1, 'api'),
        ('6f1c2a9e-4b7d-4c1e-9a53-2f0d8e7b1c44', 'kept', '2026-01-12', '2026-01-12T10:00:00Z', 'api_calls', 1, 'api')`,
    );

    clock.set(new Date('2026-02-10T12:00:00.000Z'));
    const result = await sut.execute(new MaintainPartitionsCommand());

    // 32 days before 2026-02-10 is 2026-01-09: every partition of an earlier day goes.
    expect(result.dropped).toEqual(['2026-01-06', '2026-01-07', '2026-01-08']);
    const days = await partitions.existingDays();
    expect(days[0]).toBe('2026-01-09');
    expect(days).toContain('2026-02-13');
    const rows = (await dataSource.query(`SELECT event_id FROM usage_event ORDER BY event_id`)) as { event_id: string }[];
    expect(rows.map((row) => row.event_id)).toEqual(['kept']);
  });
});
