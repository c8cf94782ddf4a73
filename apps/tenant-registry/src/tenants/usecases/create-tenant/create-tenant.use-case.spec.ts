import { ProblemException } from '@tenantry/service';
import { ManualClock } from '@tenantry/service/testing';
import { tenantScope } from '@tenantry/persistence';
import { TenantRegistryConfig } from '../../../tenant-registry.config';
import { InMemoryTenantRepository } from '../../testing/in-memory-tenant.repository';
import { CreateTenantCommand } from './create-tenant.command';
import { CreateTenantUseCase } from './create-tenant.use-case';

const BY = { actor: 'key:k1', requestId: 'req-1' };
const NOW = new Date('2026-03-01T10:00:00.000Z');

function command(overrides: Partial<CreateTenantCommand> = {}): CreateTenantCommand {
  return { ...new CreateTenantCommand('Acme Inc.', 'ops@acme.example', { value: 'acme' }, { id: 'starter' }, {}, {}, BY), ...overrides };
}

async function problemOf(promise: Promise<unknown>): Promise<ProblemException> {
  return promise.then(
    () => {
      throw new Error('expected a problem');
    },
    (error: unknown) => error as ProblemException,
  );
}

describe(CreateTenantUseCase.name, () => {
  let repository: InMemoryTenantRepository;
  let sut: CreateTenantUseCase;

  beforeEach(() => {
    repository = new InMemoryTenantRepository();
    sut = new CreateTenantUseCase(repository, repository.transactions, repository.outbox, new ManualClock(NOW), new TenantRegistryConfig());
  });

  it('registers the tenant in provisioning with the plan defaults and announces TenantCreated, then its derived limits', async () => {
    const tenant = await sut.execute(command());

    expect(tenant).toMatchObject({
      slug: 'acme',
      status: 'provisioning',
      domain: { type: 'subdomain', value: 'acme', hostname: 'acme.tenantry.local', ssl: true },
      plan: { id: 'starter', trial: true, duration: 14, trialEndsAt: null },
      configuration: { theme: 'default', language: 'en', timezone: 'UTC', currency: 'USD' },
      resources: { storage: 10, bandwidth: 100, users: 25 },
      version: 1,
      createdAt: NOW,
    });
    expect(repository.events).toEqual([
      { type: 'TenantCreated', payload: expect.objectContaining({ tenantId: tenant.id, slug: 'acme', plan: { id: 'starter', trial: true, duration: 14 } }) },
      {
        type: 'TenantLimitsChanged',
        payload: {
          tenantId: tenant.id,
          version: 1,
          at: NOW.toISOString(),
          limits: [
            { metric: 'storage_bytes', limit: '10000000000', mode: 'soft' },
            { metric: 'bandwidth_bytes', limit: '100000000000', mode: 'soft' },
            { metric: 'active_users', limit: '25', mode: 'soft' },
          ],
        },
      },
    ]);
    expect(await repository.findLimits(tenantScope(tenant.id))).toMatchObject({ explicit: false, version: 1 });
    expect(await repository.history(tenantScope(tenant.id))).toEqual([{ tenantId: tenant.id, from: null, to: 'provisioning', reason: null, actor: 'key:k1', requestId: 'req-1', correlationId: null, at: NOW }]);
  });

  it('lets the full form override the plan defaults', async () => {
    const tenant = await sut.execute(
      command({ domain: { type: 'custom', value: 'shop.acme.example', ssl: false }, plan: { id: 'growth', trial: true, duration: 30 }, configuration: { timezone: 'Europe/Paris' }, resources: { users: 3 } }),
    );

    expect(tenant).toMatchObject({
      slug: 'acme-inc',
      domain: { type: 'custom', hostname: 'shop.acme.example', ssl: false },
      plan: { id: 'growth', trial: true, duration: 30 },
      configuration: { timezone: 'Europe/Paris', currency: 'USD' },
      resources: { users: 3, storage: 100 },
    });
  });

  it('answers 409 domain-taken for a hostname in use, and creates nothing', async () => {
    await sut.execute(command());

    const problem = await problemOf(sut.execute(command({ name: 'Other' })));

    expect(problem.code).toBe('domain-taken');
    expect(problem.getStatus()).toBe(409);
    expect(repository.tenants).toHaveLength(1);
    expect(repository.events).toHaveLength(2);
  });

  it('answers 409 slug-taken when a custom-domain tenant already derived that slug', async () => {
    await sut.execute(command({ name: 'Acme', domain: { value: 'acme.example.com' } }));

    const problem = await problemOf(sut.execute(command({ domain: { value: 'acme' } })));

    expect(problem.code).toBe('slug-taken');
  });

  it('answers 400 reserved-name for a reserved slug', async () => {
    const problem = await problemOf(sut.execute(command({ domain: { value: 'admin' } })));

    expect(problem.code).toBe('reserved-name');
    expect(problem.getStatus()).toBe(400);
    expect(repository.tenants).toHaveLength(0);
  });

  it('answers 422 unknown-plan', async () => {
    const problem = await problemOf(sut.execute(command({ plan: { id: 'platinum' } })));

    expect(problem.code).toBe('unknown-plan');
    expect(problem.getStatus()).toBe(422);
  });
});
