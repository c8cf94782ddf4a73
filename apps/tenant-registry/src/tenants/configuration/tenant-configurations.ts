/**
 * The one way a tenant's configuration changes: the next document is validated against the published
 * schema, its secrets resolved (the mask keeps the stored value, a new value is sealed), stored as the
 * next version with who/when/why, the tenant's four creation fields (theme, language, timezone,
 * currency) mirrored on the tenant row, and TenantConfigChanged published with the changed paths —
 * all in the caller's transaction. Also: the current version (implied version 1 for a tenant never
 * changed here) and the plan defaults.
 */
import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@tenantry/messaging';
import { tenantScope, Transaction } from '@tenantry/persistence';
import { Clock, invalidFields } from '@tenantry/service';
import {
  applyMergePatch,
  ConfigurationChange,
  ConfigurationDocument,
  diffDocuments,
  dottedPath,
  effectiveConfiguration,
  mapSecrets,
  PLATFORM_CONFIGURATION_DEFAULTS,
  SECRET_MASK,
  validateConfiguration,
  valueAt,
} from '@tenantry/tenant-api';
import { Tenant, TenantConfigurationValue } from '../tenant.row';
import { TenantRepository } from '../tenant.repository';
import { ActorContext } from '../tenant-status-change';
import { ConfigurationSecrets } from './configuration-secrets';
import { TenantConfigurationVersion } from './tenant-configuration.row';
import { TenantConfigurationRepository } from './tenant-configuration.repository';

export const LEGACY_FIELDS = ['theme', 'language', 'timezone', 'currency'] as const;
const MAX_REASON = 500;

export interface ConfigurationChangeRequest {
  /** The next document as the client means it: plain secrets, or the mask for "keep". */
  next: ConfigurationDocument;
  by: ActorContext;
  reason: string | null;
  rolledBackTo?: number | null;
  /** Compute and answer the change, store nothing. */
  dryRun?: boolean;
  /** The caller (PUT /tenants/{id}) updates the tenant row itself. */
  tenantRowUpdated?: boolean;
}

export interface ConfigurationChangeResult {
  version: TenantConfigurationVersion;
  changes: ConfigurationChange[];
  /** False when nothing changed (or a dry run): no version, no event. */
  stored: boolean;
}

/** The reason given with a change: required through the API, 1..500 characters. */
export function requireReason(reason: unknown): string {
  if (typeof reason !== 'string' || reason.trim().length === 0 || reason.length > MAX_REASON) {
    throw invalidFields([{ field: 'reason', message: `reason is required: why the configuration changes, 1 to ${MAX_REASON} characters` }]);
  }
  return reason.trim();
}

@Injectable()
export class TenantConfigurations {
  constructor(
    private readonly versions: TenantConfigurationRepository,
    private readonly tenants: TenantRepository,
    private readonly secrets: ConfigurationSecrets,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  /** Platform defaults with the plan's over them. */
  async planDefaults(planId: string): Promise<ConfigurationDocument> {
    return applyMergePatch(PLATFORM_CONFIGURATION_DEFAULTS, (await this.versions.planDefaults(planId)) ?? {}) as ConfigurationDocument;
  }

  /** The newest version; for a tenant never changed here, the implied version 1: its creation fields that differ from its plan's. */
  async current(tenant: Tenant, tx?: Transaction): Promise<TenantConfigurationVersion> {
    const stored = await this.versions.latest(tenantScope(tenant.id), tx);
    if (stored) return stored;
    const defaults = await this.planDefaults(tenant.plan.id);
    const document: ConfigurationDocument = {};
    for (const field of LEGACY_FIELDS) if (tenant.configuration[field] !== defaults[field]) document[field] = tenant.configuration[field];
    return { tenantId: tenant.id, version: 1, document, changedPaths: [], changedBy: 'system', requestId: null, reason: 'configuration at creation', rolledBackTo: null, changedAt: tenant.createdAt, implied: true };
  }

  async version(tenant: Tenant, version: number): Promise<TenantConfigurationVersion | null> {
    const stored = await this.versions.version(tenantScope(tenant.id), version);
    if (stored) return stored;
    const current = await this.current(tenant);
    return current.implied && version === 1 ? current : null;
  }

  /** Versions newest first (the implied version 1 included). */
  async list(tenant: Tenant, limit: number): Promise<TenantConfigurationVersion[]> {
    const stored = await this.versions.list(tenantScope(tenant.id), limit);
    // The implied version 1 is stored with a tenant's first change: only a never-changed tenant has none.
    return stored.length > 0 ? stored : [await this.current(tenant)];
  }

  /**
   * Applies a change to a locked tenant. Throws 400 naming every bad path before anything is written.
   */
  async change(tx: Transaction, tenant: Tenant, current: TenantConfigurationVersion, request: ConfigurationChangeRequest): Promise<ConfigurationChangeResult> {
    const next = request.rolledBackTo ? request.next : this.resolveSecrets(tenant.id, current.document, request.next);
    const changes = diffDocuments(current.document, next);
    if (changes.length === 0 || request.dryRun) return { version: current, changes, stored: false };
    const scope = tenantScope(tenant.id);
    const now = this.clock.now();
    // A tenant's first change stores the implied version 1 first, so it can be read, diffed and rolled back to.
    if (current.implied) await this.versions.save(tx, scope, { ...current, implied: undefined });
    const saved: TenantConfigurationVersion = {
      tenantId: tenant.id,
      version: current.version + 1,
      document: next,
      changedPaths: changes.map((change) => change.path),
      changedBy: request.by.actor,
      requestId: request.by.requestId,
      reason: request.reason,
      rolledBackTo: request.rolledBackTo ?? null,
      changedAt: now,
    };
    await this.versions.save(tx, scope, saved);
    const defaults = await this.planDefaults(tenant.plan.id);
    const effective = effectiveConfiguration(defaults, next).configuration;
    const legacy = Object.fromEntries(LEGACY_FIELDS.map((field) => [field, effective[field]])) as unknown as TenantConfigurationValue;
    if (!request.tenantRowUpdated && LEGACY_FIELDS.some((field) => legacy[field] !== tenant.configuration[field])) {
      const updated: Tenant = { ...tenant, configuration: legacy, version: tenant.version + 1, updatedAt: now };
      await this.tenants.updateTenant(tx, scope, updated);
      await this.outbox.publish(tx, 'TenantUpdated', { tenantId: tenant.id, changed: ['configuration'], version: updated.version, updatedAt: now.toISOString() });
    }
    await this.outbox.publish(tx, 'TenantConfigChanged', { tenantId: tenant.id, version: saved.version, configuration: effective, changedPaths: saved.changedPaths, at: now.toISOString() });
    return { version: saved, changes, stored: true };
  }

  /** Validates the next document (stored secrets shown as the mask) and seals its new secrets. */
  private resolveSecrets(tenantId: string, stored: ConfigurationDocument, next: ConfigurationDocument): ConfigurationDocument {
    const problems = validateConfiguration(next);
    const resolved = mapSecrets(next, (value, segments) => {
      const path = dottedPath(segments);
      const existing = valueAt(stored, segments);
      if (value === SECRET_MASK) {
        if (typeof existing === 'string') return existing;
        problems.push({ field: path, pointer: `/${segments.join('/')}`, message: `has no stored secret to keep: send the secret itself, not ${SECRET_MASK}` });
        return value;
      }
      // The same secret again keeps its sealed form: no spurious change, no new version.
      if (typeof existing === 'string' && this.secrets.open(tenantId, path, existing) === value) return existing;
      return this.secrets.seal(tenantId, path, value);
    });
    if (problems.length > 0) throw invalidFields(problems);
    return resolved;
  }
}
