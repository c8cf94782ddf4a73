/**
 * Answers the traffic of tenants in a maintenance window with 503 `maintenance` and Retry-After
 * (whole seconds until the window's end), called by the authentication guard once it knows the
 * caller. Only tenant-scoped principals (tenant-admin keys) are refused: platform operators keep
 * access. The windows come from the registry (GET /internal/v1/maintenance, the one owner) and are
 * kept in memory for MAINTENANCE_CACHE_MS, so a call costs no upstream round trip; one refresh at a
 * time. Registry unreachable → the last windows known are kept (and none at first): maintenance
 * never turns a registry outage into a gateway outage.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from '@tenantry/observability';
import { Clock, LOGGER } from '@tenantry/service';
import { Principal } from '../auth/principal';
import { GatewayConfig } from '../gateway.config';
import { GATEWAY_PROBLEMS } from '../problems';
import { TenantPlans } from '../rate-limit/tenant-plans';
import { UpstreamProxy } from '../upstream';
import { Caller } from '../upstream/upstream-call';

export interface KnownWindow {
  id: string;
  scope: 'global' | 'plan' | 'tenant';
  planId: string | null;
  tenantId: string | null;
  startsAt: number;
  endsAt: number;
  status: string;
  reason: string;
}

interface HeaderReply {
  header(name: string, value: string): unknown;
}

/** The window of `at` that applies to a tenant on `plan`, if any (pure). */
export function windowFor(windows: readonly KnownWindow[], tenantId: string, plan: string | undefined, at: number): KnownWindow | undefined {
  return windows
    .filter((w) => (w.status === 'active' || w.status === 'scheduled') && w.startsAt <= at && at < w.endsAt)
    .filter((w) => w.scope === 'global' || (w.scope === 'tenant' && w.tenantId === tenantId) || (w.scope === 'plan' && plan !== undefined && w.planId === plan))
    .sort((a, b) => b.endsAt - a.endsAt)[0];
}

/** The gateway's own identity for the poll: a read-only platform principal (the registry route needs no more). */
const POLLER: Caller = { principal: { keyId: 'gateway-maintenance', role: 'read-only', tenantId: null }, requestId: 'maintenance-poll', correlationId: null };

@Injectable()
export class MaintenanceGate {
  private windows: KnownWindow[] = [];
  private freshUntil = 0;
  private refreshing?: Promise<void>;
  private lastWarning = 0;

  constructor(
    private readonly upstream: UpstreamProxy,
    private readonly plans: TenantPlans,
    private readonly clock: Clock,
    private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Throws 503 `maintenance` (Retry-After set on `reply`) when the caller's tenant is in a window. */
  async check(principal: Principal, reply: HeaderReply): Promise<void> {
    if (!principal.tenantId) return;
    const windows = await this.current();
    if (windows.length === 0) return;
    const now = this.clock.now().getTime();
    const plan = windows.some((w) => w.scope === 'plan') ? await this.plans.planOf(principal.tenantId) : undefined;
    const window = windowFor(windows, principal.tenantId, plan, now);
    if (!window) return;
    const retryAfter = Math.max(1, Math.ceil((window.endsAt - now) / 1000));
    reply.header('Retry-After', String(retryAfter));
    throw GATEWAY_PROBLEMS.maintenance(`Tenant ${principal.tenantId} is in maintenance until ${new Date(window.endsAt).toISOString()}: ${window.reason}`, {
      maintenanceId: window.id,
      endsAt: new Date(window.endsAt).toISOString(),
      retryAfter,
    });
  }

  private async current(): Promise<KnownWindow[]> {
    if (Date.now() >= this.freshUntil) {
      this.refreshing ??= this.refresh().finally(() => (this.refreshing = undefined));
      await this.refreshing;
    }
    return this.windows;
  }

  private async refresh(): Promise<void> {
    try {
      const answer = await this.upstream.read(POLLER, { upstream: 'tenant-registry', method: 'GET', path: '/internal/v1/maintenance' });
      if (answer.status !== 200) throw new Error(`registry answered ${answer.status}`);
      const body = JSON.parse(answer.body) as { items: { id: string; scope: KnownWindow['scope']; planId: string | null; tenantId: string | null; startsAt: string; endsAt: string; status: string; reason: string }[] };
      this.windows = body.items.map((w) => ({ ...w, startsAt: Date.parse(w.startsAt), endsAt: Date.parse(w.endsAt) }));
    } catch (error) {
      if (Date.now() - this.lastWarning > 30_000) {
        this.lastWarning = Date.now();
        this.logger.warn({ err: error }, 'maintenance windows could not be read from the registry; keeping the last known');
      }
    } finally {
      this.freshUntil = Date.now() + this.config.MAINTENANCE_CACHE_MS;
    }
  }
}
