import { createHash, randomBytes } from 'node:crypto';
import { deriveInvitationToken } from '@tenantry/internal-auth';
import { ManualClock } from '@tenantry/service/testing';
import { TenantAdmin, TenantDatabase } from '../../infrastructure/tenant-database';
import { tenantScope } from '@tenantry/persistence';
import { ProvisioningConfig } from '../../provisioning.config';
import { InMemoryTenantCredentialRepository } from '../testing/in-memory-tenant-credential.repository';
import { AdminUserStep } from './admin-user.step';

const TENANT = '0b7a2f3c-5d1e-4b8a-9c6d-7e8f9a0b1c2d';
const USER = '5f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b';

/** Keeps the first admin it is given, as the real one does (a second call finds the existing row). */
class OneAdminDatabase {
  admin?: TenantAdmin;

  async ensureAdmin(_identity: unknown, admin: TenantAdmin): Promise<{ userId: string; invitationExpiresAt: Date }> {
    this.admin ??= admin;
    return { userId: USER, invitationExpiresAt: this.admin.invitationExpiresAt };
  }
}

describe(AdminUserStep.name, () => {
  const key = randomBytes(32).toString('base64');
  const config = Object.assign(new ProvisioningConfig(), { INVITATION_KEY: key, INVITATION_TTL_HOURS: 168 });
  /** The `database` step's record, which the admin-user step reads. */
  async function recorded(): Promise<InMemoryTenantCredentialRepository> {
    const credentials = new InMemoryTenantCredentialRepository();
    await credentials.ensure(tenantScope(TENANT), { tier: 'database', database: 'tenant_x', schema: 'tenant_x', role: 'tenant_x' }, () => Promise.resolve('sealed'));
    return credentials;
  }
  const context = { sagaId: 'saga', tenantId: TENANT, input: { tenantId: TENANT, adminEmail: 'Ops@Acme.example' }, attempt: 1, detail: {}, details: {} };

  it('stores only the hash of a token that whoever holds INVITATION_KEY derives again from TenantAdminCreated alone', async () => {
    const database = new OneAdminDatabase();
    const sut = new AdminUserStep(database as unknown as TenantDatabase, await recorded(), new ManualClock(new Date('2026-01-01T00:00:00.000Z')), config);
    const outcome = await sut.execute(context);
    if (outcome.status !== 'succeeded') throw new Error('expected success');
    const event = outcome.events?.[0];
    expect(event?.type).toBe('TenantAdminCreated');
    const payload = event?.payload as { tenantId: string; email: string; invitationExpiresAt: string };
    expect(payload).toEqual({ tenantId: TENANT, userId: USER, email: 'Ops@Acme.example', invitationExpiresAt: '2026-01-08T00:00:00.000Z' });
    const token = deriveInvitationToken(key, { tenantId: payload.tenantId, email: payload.email, expiresAt: payload.invitationExpiresAt });
    expect(database.admin?.invitationTokenSha256).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(outcome)).not.toContain(token);
    // Another key derives another token: the event alone does not give the link away.
    expect(deriveInvitationToken(randomBytes(32).toString('base64'), { tenantId: TENANT, email: payload.email, expiresAt: payload.invitationExpiresAt })).not.toBe(token);
  });

  it('keeps the first invitation when the step runs again: the event names its expiry, so the derived token still matches', async () => {
    const database = new OneAdminDatabase();
    const clock = new ManualClock(new Date('2026-01-01T00:00:00.000Z'));
    const sut = new AdminUserStep(database as unknown as TenantDatabase, await recorded(), clock, config);
    await sut.execute(context);
    clock.set(new Date('2026-01-02T00:00:00.000Z'));
    const again = await sut.execute(context);
    const payload = (again.status === 'succeeded' ? again.events?.[0]?.payload : undefined) as { invitationExpiresAt: string; email: string };
    expect(payload.invitationExpiresAt).toBe('2026-01-08T00:00:00.000Z');
    expect(database.admin?.invitationTokenSha256).toBe(createHash('sha256').update(deriveInvitationToken(key, { tenantId: TENANT, email: payload.email, expiresAt: payload.invitationExpiresAt })).digest('hex'));
  });
});
