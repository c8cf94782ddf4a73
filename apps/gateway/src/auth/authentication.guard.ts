/**
 * Authenticates `Authorization: Bearer <key>` against the stored key hashes (ApiKeyVerifier);
 * anything else is 401. Then charges the call to its rate-limit buckets (the key's and its
 * tenant's, or the source address's when there is no valid key): 429 before any further work.
 */
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Clock } from '@tenantry/service';
import { GATEWAY_PROBLEMS } from '../problems';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { ApiKeyRepository } from './api-key.repository';
import { ApiKeySecrets } from './api-key-secrets';
import { ApiKeyVerifier } from './api-key-verifier';
import { GatewayRequest, gatewayState } from './principal';

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
    const key = secret ? await this.verifier.find(secret, { activeOnly: true }) : undefined;
    if (!key) {
      await this.limiter.admit({ address }, request, http.getResponse<HeaderReply>(), presented);
      http.getResponse<HeaderReply>().header('WWW-Authenticate', 'Bearer realm="tenantry"');
      throw GATEWAY_PROBLEMS.unauthenticated(secret ? 'The API key is unknown or revoked.' : 'Send an API key as `Authorization: Bearer <key>`.');
    }
    gatewayState(request).principal = { keyId: key.id, role: key.role, tenantId: key.tenantId };
    await this.limiter.admit({ keyId: key.id, tenantId: key.tenantId }, request, http.getResponse<HeaderReply>(), presented);
    await this.keys.touch(key.id, this.clock.now());
    return true;
  }
}
