/**
 * At every start: closes the databases provisioning is configured with to PUBLIC, so a tenant's
 * LOGIN role reaches the tenant database only (where it gets CONNECT alone) and not the platform's
 * (DATABASE_URL: every service's schemas), and hides other tenants' statistics in the tenant
 * database. What could not be done (the configured user is not the owner or a superuser) is logged
 * as a warning naming the database; the `postgres` and `template1` databases are an install step
 * (deploy/README.md), not the service's.
 */
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Logger } from '@tenantry/observability';
import { quoteIdent } from '@tenantry/persistence';
import { LOGGER } from '@tenantry/service';
import { DataSource } from 'typeorm';
import { TenantDatabase } from './tenant-database';

@Injectable()
export class DatabaseIsolation implements OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenantDatabase: TenantDatabase,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.closePlatformDatabase();
    const tenants = await this.tenantDatabase.harden();
    if (!tenants.publicRevoked || !tenants.statisticsHidden) {
      this.logger.warn({ ...tenants }, 'tenant database not fully isolated: PUBLIC privileges or statistics remain (provisioning needs a superuser there; see deploy/README.md)');
    }
    await this.reportNamesWithTenantIds();
  }

  /** Tenants provisioned before opaque names keep a `<prefix>_<uuid hex>` schema and `..._app` role: every role in the cluster reads those. */
  private async reportNamesWithTenantIds(): Promise<void> {
    const [row] = (await this.dataSource.query(`SELECT count(*)::int AS tenants FROM tenant_credential WHERE role_name <> schema_name`)) as { tenants: number }[];
    if (row && row.tenants > 0) {
      this.logger.warn({ tenants: row.tenants }, 'tenants provisioned before opaque names keep role and schema names that carry their tenant ids, readable by every tenant role in pg_roles (apps/provisioning/README.md, "Isolation tiers")');
    }
  }

  private async closePlatformDatabase(): Promise<void> {
    const [{ database } = { database: '' }] = (await this.dataSource.query(`SELECT current_database() AS database`)) as { database: string }[];
    let problem: string | undefined;
    try {
      await this.dataSource.query(`REVOKE CONNECT, TEMPORARY ON DATABASE ${quoteIdent(database)} FROM PUBLIC`);
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    const [open] = (await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM pg_database d, aclexplode(COALESCE(d.datacl, acldefault('d', d.datdba))) a
                      WHERE d.datname = current_database() AND a.grantee = 0 AND a.privilege_type IN ('CONNECT', 'TEMPORARY')) AS open`,
    )) as { open: boolean }[];
    if (open?.open) this.logger.warn({ database, problem }, 'platform database still open to PUBLIC: tenant roles can connect to it (REVOKE CONNECT, TEMPORARY ON DATABASE ... FROM PUBLIC as its owner)');
  }
}
