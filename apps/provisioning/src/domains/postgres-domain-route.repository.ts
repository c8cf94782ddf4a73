/** Domain routes and tenant certificates on PostgreSQL (provisioning.domain_route and tenant_certificate). */
import { Injectable } from '@nestjs/common';
import { entityManagerOf, insertOrExistingSql, TenantScope, Transaction } from '@tenantry/persistence';
import { DataSource } from 'typeorm';
import { IssuedCertificate } from '../infrastructure/certificate-issuer';
import { DomainKind, DomainRoute, TenantCertificate } from './domain-route.row';
import { DomainRouteRepository } from './domain-route.repository';

interface RouteRow {
  hostname: string;
  tenant_id: string;
  kind: DomainKind;
  status: 'pending' | 'active';
  verification_token: string | null;
  verified_at: Date | null;
}

const RESERVE_SQL = insertOrExistingSql(
  'domain_route',
  ['hostname', 'tenant_id', 'kind', 'status', 'verification_token'],
  ['hostname'],
  ['hostname', 'tenant_id', 'kind', 'status', 'verification_token', 'verified_at'],
);

function toRoute(row: RouteRow): DomainRoute {
  return { hostname: row.hostname, tenantId: row.tenant_id, kind: row.kind, status: row.status, verificationToken: row.verification_token, verifiedAt: row.verified_at };
}

@Injectable()
export class PostgresDomainRouteRepository extends DomainRouteRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async reserve(route: Omit<DomainRoute, 'verifiedAt'>): Promise<DomainRoute> {
    // One statement: the new reservation, or the route already there (another tenant's: the caller checks).
    const [row] = (await this.dataSource.query(RESERVE_SQL, [route.hostname, route.tenantId, route.kind, route.status, route.verificationToken])) as RouteRow[];
    const found = row ? toRoute(row) : await this.find(route.hostname);
    if (!found) throw new Error(`route ${route.hostname} vanished while reserving it`);
    return found;
  }

  async find(hostname: string): Promise<DomainRoute | undefined> {
    const [row] = (await this.dataSource.query(`SELECT * FROM domain_route WHERE hostname = $1`, [hostname])) as RouteRow[];
    return row ? toRoute(row) : undefined;
  }

  async ofTenant(scope: TenantScope): Promise<DomainRoute[]> {
    return ((await this.dataSource.query(`SELECT * FROM domain_route WHERE tenant_id = $1 ORDER BY created_at`, [scope.tenantId])) as RouteRow[]).map(toRoute);
  }

  async markVerified(tx: Transaction, hostname: string, at: Date): Promise<boolean> {
    // A pending route only, so of two verifications racing, one activates it and announces it.
    const [, updated] = (await entityManagerOf(tx).query(`UPDATE domain_route SET status = 'active', verified_at = $2 WHERE hostname = $1 AND status <> 'active'`, [hostname, at])) as [unknown[], number];
    return updated > 0;
  }

  async releaseTenant(scope: TenantScope): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`DELETE FROM tenant_certificate WHERE tenant_id = $1`, [scope.tenantId]);
      await tx.query(`DELETE FROM domain_route WHERE tenant_id = $1`, [scope.tenantId]);
    });
  }

  async certificate(hostname: string): Promise<TenantCertificate | undefined> {
    const [row] = (await this.dataSource.query(`SELECT hostname, tenant_id, issuer, serial, certificate_pem, not_after FROM tenant_certificate WHERE hostname = $1`, [hostname])) as {
      hostname: string;
      tenant_id: string;
      issuer: string;
      serial: string;
      certificate_pem: string;
      not_after: Date;
    }[];
    return row ? { hostname: row.hostname, tenantId: row.tenant_id, issuer: row.issuer, serial: row.serial, certificatePem: row.certificate_pem, notAfter: row.not_after } : undefined;
  }

  async saveCertificate(scope: TenantScope, hostname: string, issued: IssuedCertificate, sealedKey: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO tenant_certificate (hostname, tenant_id, issuer, serial, certificate_pem, private_key_enc, not_after) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (hostname) DO NOTHING`,
      [hostname, scope.tenantId, issued.issuer, issued.serial, issued.certificatePem, sealedKey, issued.notAfter],
    );
  }
}
