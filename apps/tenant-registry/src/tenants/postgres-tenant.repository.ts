/** The tenants store on PostgreSQL, in raw SQL against the service's own schema. */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TenantStatus } from '@tenantry/contracts';
import { entityManagerOf, TenantScope, Transaction } from '@tenantry/persistence';
import { TenantSort } from '@tenantry/tenant-api';
import { Plan, Tenant, TenantConfigurationValue, TenantResourcesValue } from './tenant.row';
import { TenantTransition } from './tenant-transition.row';
import { TenantLimits, TenantLimitSet } from './tenant-limits.row';
import { NameClaims, TenantListQuery, TenantListRow, TenantRepository } from './tenant.repository';
import { TENANT_PROBLEMS } from './tenant.problems';

interface TenantRow {
  id: string;
  slug: string;
  name: string;
  status: TenantStatus;
  status_reason: string | null;
  domain_type: 'subdomain' | 'custom';
  domain_value: string;
  hostname: string;
  ssl: boolean;
  plan_id: string;
  plan_trial: boolean;
  plan_duration: number | null;
  trial_ends_at: Date | null;
  admin_email: string;
  configuration: TenantConfigurationValue;
  resources: TenantResourcesValue;
  version: number;
  created_at: Date;
  updated_at: Date;
}

interface TransitionRow {
  tenant_id: string;
  from_status: TenantStatus | null;
  to_status: TenantStatus;
  reason: string | null;
  actor: string;
  request_id: string | null;
  correlation_id: string | null;
  at: Date;
}

const COLUMNS = `id, slug, name, status, status_reason, domain_type, domain_value, hostname, ssl, plan_id, plan_trial, plan_duration,
  trial_ends_at, admin_email, configuration, resources, version, created_at, updated_at`;

/** Sort key as exact text (microseconds for timestamps), so a cursor never rounds past a row. */
const SORT_SQL: Record<TenantSort, { key: string; cast: string; direction: 'ASC' | 'DESC' }> = {
  createdAt: { key: 'created_at', cast: 'timestamptz', direction: 'ASC' },
  '-createdAt': { key: 'created_at', cast: 'timestamptz', direction: 'DESC' },
  name: { key: 'lower(name)', cast: 'text', direction: 'ASC' },
  '-name': { key: 'lower(name)', cast: 'text', direction: 'DESC' },
};

interface LimitsRow {
  tenant_id: string;
  limits: TenantLimitSet;
  explicit: boolean;
  version: number;
  updated_at: Date;
}

const LIMITS_SELECT = `SELECT tenant_id, limits, explicit, version, updated_at FROM tenant_limits WHERE tenant_id = $1`;

function toLimits(row: LimitsRow): TenantLimits {
  return { tenantId: row.tenant_id, limits: row.limits, explicit: row.explicit, version: row.version, updatedAt: row.updated_at };
}

function toTenant(row: TenantRow): Tenant {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    status: row.status,
    statusReason: row.status_reason,
    domain: { type: row.domain_type, value: row.domain_value, hostname: row.hostname, ssl: row.ssl },
    plan: { id: row.plan_id, trial: row.plan_trial, duration: row.plan_duration, trialEndsAt: row.trial_ends_at },
    adminEmail: row.admin_email,
    configuration: row.configuration,
    resources: row.resources,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function tenantParams(tenant: Tenant): unknown[] {
  return [
    tenant.id,
    tenant.slug,
    tenant.name,
    tenant.status,
    tenant.statusReason,
    tenant.domain.type,
    tenant.domain.value,
    tenant.domain.hostname,
    tenant.domain.ssl,
    tenant.plan.id,
    tenant.plan.trial,
    tenant.plan.duration,
    tenant.plan.trialEndsAt,
    tenant.adminEmail,
    JSON.stringify(tenant.configuration),
    JSON.stringify(tenant.resources),
    tenant.version,
    tenant.createdAt,
    tenant.updatedAt,
  ];
}

/** A concurrent writer won the race for a unique hostname or slug: the same answer as the pre-check. */
function translateUniqueViolation(error: unknown, tenant: Tenant): never {
  const { code, constraint } = (error ?? {}) as { code?: string; constraint?: string };
  if (code === '23505' && constraint === 'tenants_hostname_key') throw TENANT_PROBLEMS['domain-taken'](`The domain ${tenant.domain.hostname} is already taken`);
  if (code === '23505' && constraint === 'tenants_slug_key') throw TENANT_PROBLEMS['slug-taken'](`The slug ${tenant.slug} is already taken`);
  throw error;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

@Injectable()
export class PostgresTenantRepository extends TenantRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async findTenant(scope: TenantScope): Promise<Tenant | null> {
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM tenants WHERE id = $1`, [scope.tenantId])) as TenantRow[];
    return rows[0] ? toTenant(rows[0]) : null;
  }

  async listTenants(query: TenantListQuery): Promise<TenantListRow[]> {
    const sort = SORT_SQL[query.sort];
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.status) where.push(`status = ${param(query.status)}`);
    if (query.planId) where.push(`plan_id = ${param(query.planId)}`);
    if (query.search) {
      const pattern = param(`%${escapeLike(query.search)}%`);
      where.push(`(name ILIKE ${pattern} OR hostname ILIKE ${pattern})`);
    }
    if (query.after) {
      const comparison = sort.direction === 'ASC' ? '>' : '<';
      where.push(`(${sort.key}, id) ${comparison} (${param(query.after.key)}::${sort.cast}, ${param(query.after.id)}::uuid)`);
    }
    const sortKey = sort.cast === 'timestamptz' ? `to_char(${sort.key} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` : sort.key;
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS}, ${sortKey} AS sort_key FROM tenants
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${sort.key} ${sort.direction}, id ${sort.direction}
       LIMIT ${param(query.limit)}`,
      params,
    )) as (TenantRow & { sort_key: string })[];
    return rows.map((row) => ({ tenant: toTenant(row), sortKey: row.sort_key }));
  }

  async history(scope: TenantScope): Promise<TenantTransition[]> {
    const rows = (await this.dataSource.query(
      `SELECT tenant_id, from_status, to_status, reason, actor, request_id, correlation_id, at FROM tenant_transitions WHERE tenant_id = $1 ORDER BY id`,
      [scope.tenantId],
    )) as TransitionRow[];
    return rows.map((row) => ({ tenantId: row.tenant_id, from: row.from_status, to: row.to_status, reason: row.reason, actor: row.actor, requestId: row.request_id, correlationId: row.correlation_id, at: row.at }));
  }

  async findLimits(scope: TenantScope, tx?: Transaction): Promise<TenantLimits | null> {
    const rows = (await (tx ? entityManagerOf(tx) : this.dataSource.manager).query(LIMITS_SELECT, [scope.tenantId])) as LimitsRow[];
    return rows[0] ? toLimits(rows[0]) : null;
  }

  async findPlan(planId: string): Promise<Plan | null> {
    const rows = (await this.dataSource.query(`SELECT id, name, trial_days, configuration, resources FROM plans WHERE id = $1`, [planId])) as {
      id: string;
      name: string;
      trial_days: number | null;
      configuration: TenantConfigurationValue;
      resources: TenantResourcesValue;
    }[];
    const row = rows[0];
    return row ? { id: row.id, name: row.name, trialDays: row.trial_days, configuration: row.configuration, resources: row.resources } : null;
  }

  async lockTenant(tx: Transaction, scope: TenantScope): Promise<Tenant | null> {
    const rows = (await entityManagerOf(tx).query(`SELECT ${COLUMNS} FROM tenants WHERE id = $1 FOR UPDATE`, [scope.tenantId])) as TenantRow[];
    return rows[0] ? toTenant(rows[0]) : null;
  }

  async insertTenant(tx: Transaction, tenant: Tenant): Promise<void> {
    await entityManagerOf(tx)
      .query(`INSERT INTO tenants (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`, tenantParams(tenant))
      .catch((error: unknown) => translateUniqueViolation(error, tenant));
  }

  async updateTenant(tx: Transaction, scope: TenantScope, tenant: Tenant): Promise<void> {
    // Everything but created_at ($18), which never changes.
    const params = tenantParams(tenant).slice(0, 17);
    params[0] = scope.tenantId;
    params.push(tenant.updatedAt);
    await entityManagerOf(tx)
      .query(
        `UPDATE tenants SET slug = $2, name = $3, status = $4, status_reason = $5, domain_type = $6, domain_value = $7, hostname = $8, ssl = $9,
           plan_id = $10, plan_trial = $11, plan_duration = $12, trial_ends_at = $13, admin_email = $14, configuration = $15, resources = $16,
           version = $17, updated_at = $18
         WHERE id = $1`,
        params,
      )
      .catch((error: unknown) => translateUniqueViolation(error, tenant));
  }

  async addTransition(tx: Transaction, scope: TenantScope, transition: Omit<TenantTransition, 'tenantId'>): Promise<void> {
    await entityManagerOf(tx).query(`INSERT INTO tenant_transitions (tenant_id, from_status, to_status, reason, actor, request_id, correlation_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
      scope.tenantId,
      transition.from,
      transition.to,
      transition.reason,
      transition.actor,
      transition.requestId,
      transition.correlationId,
      transition.at,
    ]);
  }

  async hostnameOwner(tx: Transaction, hostname: string): Promise<string | null> {
    const rows = (await entityManagerOf(tx).query(`SELECT id FROM tenants WHERE lower(hostname) = lower($1)`, [hostname])) as { id: string }[];
    return rows[0]?.id ?? null;
  }

  async slugOwner(tx: Transaction, slug: string): Promise<string | null> {
    const rows = (await entityManagerOf(tx).query(`SELECT id FROM tenants WHERE slug = $1`, [slug])) as { id: string }[];
    return rows[0]?.id ?? null;
  }

  async isReservedSlug(tx: Transaction, slug: string): Promise<boolean> {
    const rows = (await entityManagerOf(tx).query(`SELECT 1 FROM reserved_slugs WHERE slug = $1`, [slug])) as unknown[];
    return rows.length > 0;
  }

  async nameClaims(tx: Transaction, slug: string, hostname: string): Promise<NameClaims> {
    const [row] = (await entityManagerOf(tx).query(
      `SELECT EXISTS (SELECT 1 FROM reserved_slugs WHERE slug = $1) AS reserved,
              (SELECT id FROM tenants WHERE lower(hostname) = lower($2) LIMIT 1) AS hostname_owner,
              (SELECT id FROM tenants WHERE slug = $1 LIMIT 1) AS slug_owner`,
      [slug, hostname],
    )) as { reserved: boolean; hostname_owner: string | null; slug_owner: string | null }[];
    return { reserved: row?.reserved ?? false, hostnameOwner: row?.hostname_owner ?? null, slugOwner: row?.slug_owner ?? null };
  }

  async lockExpiredTrials(tx: Transaction, now: Date, limit: number): Promise<Tenant[]> {
    const rows = (await entityManagerOf(tx).query(
      `SELECT ${COLUMNS} FROM tenants WHERE status = 'trial' AND trial_ends_at <= $1 ORDER BY trial_ends_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    )) as TenantRow[];
    return rows.map(toTenant);
  }

  async saveLimits(tx: Transaction, scope: TenantScope, limits: Omit<TenantLimits, 'tenantId'>): Promise<void> {
    await entityManagerOf(tx).query(
      `INSERT INTO tenant_limits (tenant_id, limits, explicit, version, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id) DO UPDATE SET limits = EXCLUDED.limits, explicit = EXCLUDED.explicit, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at`,
      [scope.tenantId, JSON.stringify(limits.limits), limits.explicit, limits.version, limits.updatedAt],
    );
  }
}
