/** A host name routed to a tenant, and the certificate it is served with. */
export type DomainKind = 'subdomain' | 'custom';

export interface DomainRoute {
  hostname: string;
  tenantId: string;
  kind: DomainKind;
  status: 'pending' | 'active';
  verificationToken: string | null;
  verifiedAt: Date | null;
}

export interface TenantCertificate {
  hostname: string;
  tenantId: string;
  issuer: string;
  serial: string;
  certificatePem: string;
  notAfter: Date;
}

/** The DNS record that proves control of a custom domain. */
export function verificationRecord(route: Pick<DomainRoute, 'hostname' | 'verificationToken'>): { type: 'TXT'; name: string; value: string } {
  return { type: 'TXT', name: `_tenantry-verify.${route.hostname}`, value: `tenantry-verify=${route.verificationToken ?? ''}` };
}

/** Subdomains live under the platform domain; custom domains are used as given. */
export function hostnameOf(domain: { type: DomainKind; value: string }, platformDomain: string): string {
  const value = domain.value.trim().toLowerCase().replace(/\.$/, '');
  if (domain.type === 'custom') return value;
  return value.endsWith(`.${platformDomain}`) ? value : `${value}.${platformDomain}`;
}
