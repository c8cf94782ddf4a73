import { ManualClock } from '@tenantry/service/testing';
import { InMemoryDomainRouteRepository } from '../../domains/testing/in-memory-domain-route.repository';
import { CertificateIssuer, IssuedCertificate } from '../../infrastructure/certificate-issuer';
import { MasterKeyring } from '../../infrastructure/master-keys';
import { TokenGenerator } from '../../infrastructure/token-generator';
import { InMemoryTenantDataKeyRepository } from '../../keys/testing/in-memory-tenant-data-key.repository';
import { TenantKeys } from '../../keys/tenant-keys';
import { ProvisioningConfig } from '../../provisioning.config';
import { PermanentStepError, StepContext } from '../../saga/saga.model';
import { DomainStep } from './domain.step';

const TENANT = '0b7a2f3c-5d1e-4b8a-9c6d-7e8f9a0b1c2d';

class CountingIssuer extends CertificateIssuer {
  readonly name = 'test-ca';
  issued = 0;

  async issue(hostname: string, now: Date): Promise<IssuedCertificate> {
    this.issued += 1;
    return { issuer: this.name, serial: `0${this.issued}`, certificatePem: `cert for ${hostname}`, privateKeyPem: 'key', notAfter: new Date(now.getTime() + 1_000) };
  }

  async trustAnchorPem(): Promise<string> {
    return 'ca';
  }
}

function context(domain: { type: 'subdomain' | 'custom'; value: string; ssl: boolean }, tenantId = TENANT): StepContext {
  return { sagaId: 'saga', tenantId, input: { tenantId, domain }, attempt: 1, detail: {}, details: {} };
}

describe(DomainStep.name, () => {
  let routes: InMemoryDomainRouteRepository;
  let issuer: CountingIssuer;
  let sut: DomainStep;

  beforeEach(() => {
    routes = new InMemoryDomainRouteRepository();
    issuer = new CountingIssuer();
    const config = Object.assign(new ProvisioningConfig(), { PLATFORM_DOMAIN: 'tenantry.test' });
    const tokens: TokenGenerator = { token: () => 'fixed-token' };
    sut = new DomainStep(routes, issuer, new TenantKeys(new MasterKeyring(Buffer.alloc(32, 7).toString('base64')), new InMemoryTenantDataKeyRepository()), tokens, new ManualClock(new Date('2026-01-01T00:00:00Z')), config);
  });

  it('routes a subdomain under the platform domain at once', async () => {
    const outcome = await sut.execute(context({ type: 'subdomain', value: 'Acme', ssl: false }));
    expect(outcome).toEqual({ status: 'succeeded', detail: expect.objectContaining({ hostname: 'acme.tenantry.test', routed: true }) as unknown });
    expect(routes.routes.get('acme.tenantry.test')).toMatchObject({ tenantId: TENANT, status: 'active' });
  });

  it('makes a custom domain wait with the TXT record to publish', async () => {
    const outcome = await sut.execute(context({ type: 'custom', value: 'shop.example.com', ssl: true }));
    expect(outcome).toEqual({
      status: 'waiting',
      detail: expect.objectContaining({ hostname: 'shop.example.com', verification: { type: 'TXT', name: '_tenantry-verify.shop.example.com', value: 'tenantry-verify=fixed-token' } }) as unknown,
    });
    expect(issuer.issued).toBe(0);
  });

  it('issues the certificate once, however often the step runs', async () => {
    await sut.execute(context({ type: 'subdomain', value: 'acme', ssl: true }));
    const again = await sut.execute(context({ type: 'subdomain', value: 'acme', ssl: true }));
    expect(issuer.issued).toBe(1);
    expect(again.detail?.['certificate']).toMatchObject({ issuer: 'test-ca', serial: '01' });
  });

  it('fails for good when another tenant holds the host name', async () => {
    await sut.execute(context({ type: 'subdomain', value: 'acme', ssl: false }, '9f9f9f9f-1111-4222-8333-444455556666'));
    await expect(sut.execute(context({ type: 'subdomain', value: 'acme', ssl: false }))).rejects.toBeInstanceOf(PermanentStepError);
  });

  it('releases the tenant’s routes when compensated', async () => {
    await sut.execute(context({ type: 'subdomain', value: 'acme', ssl: false }));
    await sut.compensate(context({ type: 'subdomain', value: 'acme', ssl: false }));
    expect(routes.routes.size).toBe(0);
  });
});
