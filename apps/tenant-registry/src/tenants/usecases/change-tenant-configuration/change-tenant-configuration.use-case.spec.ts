import { randomBytes } from 'node:crypto';
import { ProblemException } from '@tenantry/service';
import { ManualClock } from '@tenantry/service/testing';
import { TenantRegistryConfig } from '../../../tenant-registry.config';
import { ConfigurationSecrets } from '../../configuration/configuration-secrets';
import { TenantConfigurations } from '../../configuration/tenant-configurations';
import { InMemoryTenantConfigurationRepository } from '../../testing/in-memory-tenant-configuration.repository';
import { aTenant, InMemoryTenantRepository } from '../../testing/in-memory-tenant.repository';
import { RollbackTenantConfigurationCommand } from '../rollback-tenant-configuration/rollback-tenant-configuration.command';
import { RollbackTenantConfigurationUseCase } from '../rollback-tenant-configuration/rollback-tenant-configuration.use-case';
import { ChangeTenantConfigurationCommand } from './change-tenant-configuration.command';
import { ChangeTenantConfigurationUseCase } from './change-tenant-configuration.use-case';

const NOW = new Date('2026-06-01T09:00:00.000Z');
const BY = { actor: 'key:admin', requestId: 'req-1' };

describe(ChangeTenantConfigurationUseCase.name, () => {
  let repository: InMemoryTenantRepository;
  let versions: InMemoryTenantConfigurationRepository;
  let secrets: ConfigurationSecrets;
  let sut: ChangeTenantConfigurationUseCase;
  let rollback: RollbackTenantConfigurationUseCase;

  beforeEach(() => {
    repository = new InMemoryTenantRepository();
    versions = new InMemoryTenantConfigurationRepository();
    const clock = new ManualClock(NOW);
    secrets = new ConfigurationSecrets(Object.assign(new TenantRegistryConfig(), { SECRET_KEY: randomBytes(32).toString('base64') }));
    const configurations = new TenantConfigurations(versions, repository, secrets, repository.outbox, clock);
    sut = new ChangeTenantConfigurationUseCase(repository, repository.transactions, configurations);
    rollback = new RollbackTenantConfigurationUseCase(repository, repository.transactions, configurations);
  });

  it('stores a merge patch as the next version, mirrors the creation fields on the tenant and announces the changed paths', async () => {
    const tenant = aTenant({ version: 3 });
    repository.seed(tenant);

    const result = await sut.execute(new ChangeTenantConfigurationCommand(tenant.id, 'merge-patch', { language: 'fr', branding: { primaryColor: '#000000' } }, BY, ' rebrand '));

    expect(result).toMatchObject({ stored: true, version: { version: 2, changedPaths: ['branding.primaryColor', 'language'], changedBy: 'key:admin', reason: 'rebrand', changedAt: NOW } });
    expect(versions.versions.map((row) => row.version)).toEqual([1, 2]);
    expect(repository.tenants[0]).toMatchObject({ version: 4, configuration: { language: 'fr' } });
    expect(repository.events.map((event) => event.type)).toEqual(['TenantUpdated', 'TenantConfigChanged']);
    expect(repository.events[1]?.payload).toMatchObject({ version: 2, changedPaths: ['branding.primaryColor', 'language'], configuration: { language: 'fr', branding: { primaryColor: '#000000' } } });
  });

  it('answers a dry run without storing or announcing anything, and refuses a bad value naming its path', async () => {
    const tenant = aTenant();
    repository.seed(tenant);

    const preview = await sut.execute(new ChangeTenantConfigurationCommand(tenant.id, 'merge-patch', { features: { sso: true } }, BY, undefined, undefined, true));
    expect(preview).toMatchObject({ stored: false, changes: [{ path: 'features.sso', before: null, after: true }] });

    const refused = await sut.execute(new ChangeTenantConfigurationCommand(tenant.id, 'merge-patch', { security: { allowedIpRanges: ['1.2.3.4/99'] } }, BY, 'x')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ProblemException);
    expect((refused as ProblemException).extensions).toMatchObject({ errors: [{ field: 'security.allowedIpRanges[0]' }] });
    const noReason = await sut.execute(new ChangeTenantConfigurationCommand(tenant.id, 'merge-patch', { theme: 'dark' }, BY, '')).catch((error: unknown) => error);
    expect((noReason as ProblemException).extensions).toMatchObject({ errors: [{ field: 'reason' }] });
    expect(versions.versions).toEqual([]);
    expect(repository.events).toEqual([]);
  });

  it('seals secrets, keeps them on the mask and on the same value, and refuses a stale If-Match', async () => {
    const tenant = aTenant();
    repository.seed(tenant);
    const slack = (token: string) => ({ integrations: { slack: { provider: 'slack', secrets: { token } } } });

    await sut.execute(new ChangeTenantConfigurationCommand(tenant.id, 'merge-patch', slack('t-1'), BY, 'connect'));
    const sealed = (versions.versions[1]?.document as { integrations: { slack: { secrets: { token: string } } } }).integrations.slack.secrets.token;
    expect(sealed).toMatch(/^cs1\./);
    expect(secrets.open(tenant.id, 'integrations.slack.secrets.token', sealed)).toBe('t-1');
    // Another tenant cannot open it (the tenant id is bound in).
    expect(secrets.open('00000000-0000-4000-8000-000000000001', 'integrations.slack.secrets.token', sealed)).toBeUndefined();

    expect((await sut.execute(new ChangeTenantConfigurationCommand(tenant.id, 'merge-patch', slack('********'), BY, 'noop'))).stored).toBe(false);
    expect((await sut.execute(new ChangeTenantConfigurationCommand(tenant.id, 'merge-patch', slack('t-1'), BY, 'same'))).stored).toBe(false);

    const stale = await sut.execute(new ChangeTenantConfigurationCommand(tenant.id, 'merge-patch', slack('t-2'), BY, 'rotate', 'W/"1"')).catch((error: unknown) => error);
    expect((stale as ProblemException).getStatus()).toBe(412);
    const rotated = await sut.execute(new ChangeTenantConfigurationCommand(tenant.id, 'merge-patch', slack('t-2'), BY, 'rotate', 'W/"2"'));
    expect(rotated.changes).toEqual([{ path: 'integrations.slack.secrets.token', before: '********', after: '********' }]);
  });

  it('rolls back to an earlier version as a new version, and 404s an unknown one', async () => {
    const tenant = aTenant();
    repository.seed(tenant);
    await sut.execute(new ChangeTenantConfigurationCommand(tenant.id, 'merge-patch', { theme: 'dark' }, BY, 'dark'));
    await sut.execute(new ChangeTenantConfigurationCommand(tenant.id, 'replace', { theme: 'light' }, BY, 'light'));

    const restored = await rollback.execute(new RollbackTenantConfigurationCommand(tenant.id, 2, BY, 'back to dark'));

    expect(restored.version).toMatchObject({ version: 4, rolledBackTo: 2, changedPaths: ['theme'], document: { theme: 'dark' } });
    const missing = await rollback.execute(new RollbackTenantConfigurationCommand(tenant.id, 9, BY, 'nope')).catch((error: unknown) => error);
    expect((missing as ProblemException).getStatus()).toBe(404);
  });
});
