/**
 * Step `domain`: reserves the host name and routes it to the tenant. A custom domain waits until
 * its DNS TXT record is verified; with `ssl` the host gets a certificate from the issuer.
 */
import { Injectable } from '@nestjs/common';
import { Clock } from '@tenantry/service';
import { tenantScope } from '@tenantry/persistence';
import { hostnameOf, verificationRecord } from '../../domains/domain-route.row';
import { DomainRouteRepository } from '../../domains/domain-route.repository';
import { CertificateIssuer } from '../../infrastructure/certificate-issuer';
import { TokenGenerator } from '../../infrastructure/token-generator';
import { TenantKeys } from '../../keys/tenant-keys';
import { ProvisioningConfig } from '../../provisioning.config';
import { PermanentStepError, SagaStep, StepContext, StepOutcome } from '../../saga/saga.model';
import { provisioningInput } from '../provisioning-input';

@Injectable()
export class DomainStep implements SagaStep {
  readonly name = 'domain';

  constructor(
    private readonly routes: DomainRouteRepository,
    private readonly issuer: CertificateIssuer,
    private readonly tenantKeys: TenantKeys,
    private readonly tokens: TokenGenerator,
    private readonly clock: Clock,
    private readonly config: ProvisioningConfig,
  ) {}

  async execute(context: StepContext): Promise<StepOutcome> {
    const { domain } = provisioningInput(context);
    const hostname = hostnameOf(domain, this.config.PLATFORM_DOMAIN);
    const custom = domain.type === 'custom';
    const route = await this.routes.reserve({
      hostname,
      tenantId: context.tenantId,
      kind: domain.type,
      status: custom ? 'pending' : 'active',
      verificationToken: custom ? this.tokens.token(24) : null,
    });
    if (route.tenantId !== context.tenantId) throw new PermanentStepError(`host name ${hostname} is already routed to another tenant`);
    if (route.status === 'pending') {
      return { status: 'waiting', detail: { hostname, kind: route.kind, routed: false, verification: verificationRecord(route) } };
    }
    const detail: Record<string, unknown> = { hostname, kind: route.kind, routed: true, verifiedAt: route.verifiedAt?.toISOString() ?? null };
    if (domain.ssl) {
      const existing = await this.routes.certificate(hostname);
      if (existing) {
        detail['certificate'] = { issuer: existing.issuer, serial: existing.serial, notAfter: existing.notAfter.toISOString() };
      } else {
        const issued = await this.issuer.issue(hostname, this.clock.now());
        const scope = tenantScope(context.tenantId);
        await this.routes.saveCertificate(scope, hostname, issued, await this.tenantKeys.seal(scope, issued.privateKeyPem));
        detail['certificate'] = { issuer: issued.issuer, serial: issued.serial, notAfter: issued.notAfter.toISOString() };
      }
    }
    return { status: 'succeeded', detail };
  }

  async compensate(context: StepContext): Promise<void> {
    await this.routes.releaseTenant(tenantScope(context.tenantId));
  }
}
