/** Signs the internal token of one upstream call: for that service only, for the caller, valid 30 s. */
import { Injectable } from '@nestjs/common';
import { ConfigError } from '@tenantry/config';
import { parseSigningKey, signInternalToken, SigningKey } from '@tenantry/internal-auth';
import { Clock } from '@tenantry/service';
import { GatewayConfig } from '../gateway.config';
import { Caller } from './upstream-call';
import { UpstreamName } from './upstreams';

@Injectable()
export class InternalTokens {
  private readonly key: SigningKey;

  constructor(
    config: GatewayConfig,
    private readonly clock: Clock,
  ) {
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
        actor: `key:${principal.keyId}`,
        role: principal.role,
        tenantId: principal.tenantId,
        requestId: caller.requestId,
        correlationId: caller.correlationId,
      },
      this.clock.now(),
    );
  }
}
