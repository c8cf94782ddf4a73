/**
 * Signs the internal token of one upstream call: for that service only, for the caller, valid 30 s.
 * Signed on the system time, never the injected Clock: the services verify tokens on the system
 * time, so a test clock (TENANTRY_TEST_CLOCK_FILE) moved ahead would make every token "issued in
 * the future" (see docs/developer-guide.md: token lifetimes stay on real time).
 */
import { Injectable } from '@nestjs/common';
import { ConfigError } from '@tenantry/config';
import { parseSigningKey, signInternalToken, SigningKey } from '@tenantry/internal-auth';
import { GatewayConfig } from '../gateway.config';
import { Caller } from './upstream-call';
import { UpstreamName } from './upstreams';

@Injectable()
export class InternalTokens {
  private readonly key: SigningKey;

  constructor(config: GatewayConfig) {
    // GatewayConfig has already refused a missing or unreadable key (exit 78); this is a guard for code that builds the config by hand.
    if (!config.INTERNAL_AUTH_SIGNING_KEY) throw new ConfigError('INTERNAL_AUTH_SIGNING_KEY', 'must be set');
    this.key = parseSigningKey(config.INTERNAL_AUTH_SIGNING_KEY);
  }

  /** The upstreams are named after their services, so the upstream is the token's audience. */
  sign(caller: Caller, upstream: UpstreamName): string {
    const { principal } = caller;
    return signInternalToken(
      this.key,
      {
        audience: upstream,
        // An impersonation acts as the tenant's admin (`sub`) for the support or platform admin behind it (`act`).
        actor: principal.impersonation ? `impersonation:${principal.impersonation.id}` : `key:${principal.keyId}`,
        actingActor: principal.impersonation ? `key:${principal.impersonation.actorKeyId}` : null,
        role: principal.role,
        tenantId: principal.tenantId,
        requestId: caller.requestId,
        correlationId: caller.correlationId,
      },
      new Date(),
    );
  }

  /**
   * For the few keyless public routes (the unsubscribe link), whose authority is a token of their
   * own that the service checks: actor `anonymous:<purpose>`, role `anonymous` — no internal route
   * but the one the purpose names treats it as anything (the services' own checks still apply).
   */
  signAnonymous(purpose: string, upstream: UpstreamName, requestId: string, correlationId: string | null): string {
    return signInternalToken(this.key, { audience: upstream, actor: `anonymous:${purpose}`, role: 'anonymous', tenantId: null, requestId, correlationId }, new Date());
  }
}
