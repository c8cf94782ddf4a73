/** Domain routes (host name → tenant) and tenant certificates in the service's schema. */
import { TenantScope, Transaction } from '@tenantry/persistence';
import { IssuedCertificate } from '../infrastructure/certificate-issuer';
import { DomainRoute, TenantCertificate } from './domain-route.row';

export abstract class DomainRouteRepository {
  /** Reserves the host name for the tenant unless someone holds it; returns whoever holds it now. */
  abstract reserve(route: Omit<DomainRoute, 'verifiedAt'>): Promise<DomainRoute>;
  abstract find(hostname: string): Promise<DomainRoute | undefined>;
  abstract ofTenant(scope: TenantScope): Promise<DomainRoute[]>;
  /** Activates a pending route; false when it was active already (a concurrent verification won). */
  abstract markVerified(tx: Transaction, hostname: string, at: Date): Promise<boolean>;
  /** Forgets the tenant's routes and certificates, together. */
  abstract releaseTenant(scope: TenantScope): Promise<void>;
  abstract certificate(hostname: string): Promise<TenantCertificate | undefined>;
  abstract saveCertificate(scope: TenantScope, hostname: string, issued: IssuedCertificate, sealedKey: string): Promise<void>;
}
