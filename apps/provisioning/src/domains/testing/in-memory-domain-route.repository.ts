/** A DomainRouteRepository in memory for unit specs: the first tenant to reserve a host name holds it. */
import { TenantScope, Transaction } from '@tenantry/persistence';
import { IssuedCertificate } from '../../infrastructure/certificate-issuer';
import { DomainRoute, TenantCertificate } from '../domain-route.row';
import { DomainRouteRepository } from '../domain-route.repository';

export class InMemoryDomainRouteRepository extends DomainRouteRepository {
  readonly routes = new Map<string, DomainRoute>();
  readonly certificates = new Map<string, TenantCertificate>();

  async reserve(route: Omit<DomainRoute, 'verifiedAt'>): Promise<DomainRoute> {
    if (!this.routes.has(route.hostname)) this.routes.set(route.hostname, { ...route, verifiedAt: null });
    return this.routes.get(route.hostname) as DomainRoute;
  }

  async find(hostname: string): Promise<DomainRoute | undefined> {
    return this.routes.get(hostname);
  }

  async ofTenant(scope: TenantScope): Promise<DomainRoute[]> {
    return [...this.routes.values()].filter((route) => route.tenantId === scope.tenantId);
  }

  async markVerified(_tx: Transaction, hostname: string, at: Date): Promise<boolean> {
    const route = this.routes.get(hostname);
    if (!route || route.status === 'active') return false;
    this.routes.set(hostname, { ...route, status: 'active', verifiedAt: at });
    return true;
  }

  async releaseTenant(scope: TenantScope): Promise<void> {
    for (const [hostname, route] of this.routes) if (route.tenantId === scope.tenantId) this.routes.delete(hostname);
    for (const [hostname, certificate] of this.certificates) if (certificate.tenantId === scope.tenantId) this.certificates.delete(hostname);
  }

  async certificate(hostname: string): Promise<TenantCertificate | undefined> {
    return this.certificates.get(hostname);
  }

  async saveCertificate(scope: TenantScope, hostname: string, issued: IssuedCertificate): Promise<void> {
    if (this.certificates.has(hostname)) return;
    this.certificates.set(hostname, { hostname, tenantId: scope.tenantId, issuer: issued.issuer, serial: issued.serial, certificatePem: issued.certificatePem, notAfter: issued.notAfter });
  }
}
