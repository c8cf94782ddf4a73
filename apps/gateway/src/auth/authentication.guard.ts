/**
 * Authenticates `Authorization: Bearer <key>` against the stored key hashes (ApiKeyVerifier);
 * anything else is 401. Then charges the call to its rate-limit buckets (the key's and its
 * tenant's, or the source address's when there is no valid key): 429 before any further work.
 * A tenant key of a tenant in a maintenance window is then answered 503 `maintenance` (MaintenanceGate).
 */
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Clock } from '@tenantry/service';
import { GATEWAY_PROBLEMS } from '../problems';
import { MaintenanceGate } from '../maintenance/maintenance-gate';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { ApiKeyRepository, touchIsDue } from './api-key.repository';
import { ApiKeySecrets } from './api-key-secrets';
import { ApiKeyVerifier } from './api-key-verifier';
import { ImpersonationRepository } from './impersonation.repository';
import { IMPERSONATION_PREFIX } from './impersonation-token';
import { GatewayRequest, gatewayState, Principal } from './principal';

const BEARER = /^Bearer ([\x21-\x7e]{1,512})$/i;

interface HeaderReply {
  header(name: string, value: string): unknown;
}

@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly secrets: ApiKeySecrets,
    private readonly verifier: ApiKeyVerifier,
    private readonly clock: Clock,
    private readonly limiter: RateLimiter,
    private readonly impersonations: ImpersonationRepository,
    private readonly maintenance: MaintenanceGate,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<GatewayRequest>();
    const header = request.headers['authorization'];
    const secret = typeof header === 'string' ? BEARER.exec(header.trim())?.[1] : undefined;
    const address = request.ip ?? 'unknown';
    // A caller refused moments ago is refused again before the database or Redis is asked.
    const presented = secret ? `key:${this.secrets.hash(secret)}` : `address:${address}`;
    this.limiter.refuseRecent(presented, request, http.getResponse<HeaderReply>());
    if (secret?.startsWith(IMPERSONATION_PREFIX)) return this.impersonated(secret, request, http.getResponse<HeaderReply>(), presented);
    const key = secret ? await this.verifier.find(secret, { activeOnly: true }) : undefined;
    if (!key) {
      await this.limiter.admit({ address }, request, http.getResponse<HeaderReply>(), presented);
      http.getResponse<HeaderReply>().header('WWW-Authenticate', 'Bearer realm="tenantry"');
      throw GATEWAY_PROBLEMS.unauthenticated(secret ? 'The API key is unknown or revoked.' : 'Send an API key as `Authorization: Bearer <key>`.');
    }
    const principal = { keyId: key.id, role: key.role, tenantId: key.tenantId };
    gatewayState(request).principal = principal;
    await this.limiter.admit({ keyId: key.id, tenantId: key.tenantId }, request, http.getResponse<HeaderReply>(), presented);
    // Skip the statement when the row just read says the key was used recently.
    const now = this.clock.now();
    if (touchIsDue(key.lastUsedAt, now)) await this.keys.touch(key.id, now);
    // A tenant in a maintenance window: 503 with Retry-After (operators' keys have no tenant and pass).
    await this.maintenance.check(principal, http.getResponse<HeaderReply>());
    return true;
  }

  /**
   * An impersonation credential: the tenant's admin for its tenant, read-only unless granted write,
   * until it expires (by the injected clock, like every deadline here) or is revoked.
   */
  private async impersonated(secret: string, request: GatewayRequest, reply: HeaderReply, presented: string): Promise<boolean> {
    const found = await this.impersonations.findByHash(this.secrets.hash(secret));
    const now = this.clock.now();
    if (!found || found.revokedAt !== null || found.expiresAt.getTime() <= now.getTime()) {
      await this.limiter.admit({ address: request.ip ?? 'unknown' }, request, reply, presented);
      reply.header('WWW-Authenticate', 'Bearer realm="tenantry", error="invalid_token"');
      const why = !found ? 'unknown' : found.revokedAt !== null ? 'revoked' : 'expired';
      throw GATEWAY_PROBLEMS.unauthenticated(`The impersonation credential is ${why}.`, { reason: `impersonation-${why}` });
    }
    const principal: Principal = {
      keyId: found.id,
      role: 'tenant-admin',
      tenantId: found.tenantId,
      impersonation: { id: found.id, actorKeyId: found.actorKeyId, actorRole: found.actorRole, write: found.write },
    };
    gatewayState(request).principal = principal;
    await this.limiter.admit({ keyId: found.id, tenantId: found.tenantId }, request, reply, presented);
    return true;
  }
}
