import { randomBytes } from 'node:crypto';
import { ProblemException } from '@tenantry/service';
import { ManualClock } from '@tenantry/service/testing';
import { tenantScope } from '@tenantry/persistence';
import { TenantRegistryConfig } from '../../../tenant-registry.config';
import { deriveLimits } from '../../tenant-limits';
import { aTenant, InMemoryTenantRepository } from '../../testing/in-memory-tenant.repository';
import { ConfigurationSecrets } from '../../configuration/configuration-secrets';
import { TenantConfigurations } from '../../configuration/tenant-configurations';
import { InMemoryTenantConfigurationRepository } from '../../testing/in-memory-tenant-configuration.repository';
import { UpdateTenantCommand } from './update-tenant.command';
import { UpdateTenantUseCase } from './update-tenant.use-case';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const BY = { actor: 'key:ops', requestId: null };

describe(UpdateTenantUseCase.name, () => {
  let repository: InMemoryTenantRepository;
  let sut: UpdateTenantUseCase;
  let configurations: InMemoryTenantConfigurationRepository;

  beforeEach(() => {
    repository = new InMemoryTenantRepository();
    const clock = new ManualClock(NOW);
    const secrets = new ConfigurationSecrets(Object.assign(new TenantRegistryConfig(), { SECRET_KEY: randomBytes(32).toString('base64') }));
    configurations = new InMemoryTenantConfigurationRepository();
    sut = new UpdateTenantUseCase(repository, repository.transactions, repository.outbox, clock, new TenantRegistryConfig(), new TenantConfigurations(configurations, repository, secrets, repository.outbox, clock));
  });

  it('applies the changes, bumps the version and announces TenantUpdated, TenantPlanChanged and TenantConfigChanged', async () => {
    const tenant = aTenant({ version: 3 });
    repository.seed(tenant);

    const updated = await sut.execute(new UpdateTenantCommand(tenant.id, { name: 'Renamed', plan: { id: 'starter' }, configuration: { currency: 'EUR' } }, BY, 'W/"3"'));

    expect(updated).toMatchObject({ name: 'Renamed', version: 4, plan: { id: 'starter', trial: true, duration: 14 }, configuration: { currency: 'EUR', timezone: 'UTC' } });
    expect(repository.events.map((event) => event.type)).toEqual(['TenantUpdated', 'TenantPlanChanged', 'TenantConfigChanged']);
    expect(repository.events[0]?.payload).toEqual({ tenantId: tenant.id, changed: ['name', 'plan', 'configuration'], version: 4, updatedAt: NOW.toISOString() });
    // The configuration change is a configuration version: the implied version 1 stored, then version 2 with what changed.
    expect(configurations.versions.map((row) => [row.version, row.changedPaths, row.changedBy, row.reason])).toEqual([
      [1, [], 'system', 'configuration at creation'],
      [2, ['currency'], 'key:ops', 'PUT /tenants/{id}'],
    ]);
    expect(repository.events[2]?.payload).toMatchObject({ tenantId: tenant.id, version: 2, changedPaths: ['currency'], configuration: { currency: 'EUR', features: expect.any(Object) } });
  });

  it('re-derives and announces limits nobody set when the resources change, and leaves explicit ones alone', async () => {
    const derived = aTenant({ version: 2 });
    const explicit = aTenant({ version: 2 });
    repository.seed(derived);
    repository.seed(explicit);
    await repository.transactions.run(async (tx) => {
      await repository.saveLimits(tx, tenantScope(derived.id), { limits: deriveLimits(derived.resources), explicit: false, version: 1, updatedAt: derived.createdAt });
      await repository.saveLimits(tx, tenantScope(explicit.id), { limits: deriveLimits({ storage: 1, bandwidth: 1, users: 1 }), explicit: true, version: 3, updatedAt: explicit.createdAt });
    });

    await sut.execute(new UpdateTenantCommand(derived.id, { resources: { storage: 2.5 } }, BY));
    await sut.execute(new UpdateTenantCommand(explicit.id, { resources: { storage: 2.5 } }, BY));
    await sut.execute(new UpdateTenantCommand(derived.id, { name: 'Renamed' }, BY));

    const limitEvents = repository.events.filter((event) => event.type === 'TenantLimitsChanged');
    expect(limitEvents).toEqual([
      {
        type: 'TenantLimitsChanged',
        payload: expect.objectContaining({ tenantId: derived.id, version: 2, limits: expect.arrayContaining([{ metric: 'storage_bytes', limit: '2500000000', mode: 'soft' }]) }),
      },
    ]);
    expect(await repository.findLimits(tenantScope(explicit.id))).toMatchObject({ version: 3, explicit: true });
  });

  it('answers 412 precondition-failed for a stale If-Match and changes nothing', async () => {
    const tenant = aTenant({ version: 3 });
    repository.seed(tenant);

    const error = await sut.execute(new UpdateTenantCommand(tenant.id, { name: 'Renamed' }, BY, 'W/"2"')).catch((caught: unknown) => caught as ProblemException);

    expect(error).toMatchObject({ code: 'precondition-failed' });
    expect((error as ProblemException).getStatus()).toBe(412);
    expect(await repository.findTenant(tenantScope(tenant.id))).toEqual(tenant);
  });

  it('answers 409 domain-taken when another tenant holds the hostname', async () => {
    const other = aTenant();
    const tenant = aTenant();
    repository.seed(other);
    repository.seed(tenant);

    const error = await sut.execute(new UpdateTenantCommand(tenant.id, { domain: { value: other.domain.value } }, BY)).catch((caught: unknown) => caught as ProblemException);

    expect(error).toMatchObject({ code: 'domain-taken' });
  });

  it('refuses a tenant being offboarded with 409 illegal-transition', async () => {
    const tenant = aTenant({ status: 'offboarding' });
    repository.seed(tenant);

    const error = await sut.execute(new UpdateTenantCommand(tenant.id, { name: 'Renamed' }, BY)).catch((caught: unknown) => caught as ProblemException);

    expect(error).toMatchObject({ code: 'illegal-transition', extensions: { currentStatus: 'offboarding' } });
  });

  it('keeps the version when nothing actually changes', async () => {
    const tenant = aTenant({ version: 2 });
    repository.seed(tenant);

    const same = await sut.execute(new UpdateTenantCommand(tenant.id, { name: tenant.name }, BY));

    expect(same.version).toBe(2);
    expect(repository.events).toEqual([]);
  });
});
