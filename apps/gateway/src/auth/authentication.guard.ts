/** Authenticates `Authorization: Bearer <key>` against the stored key hashes (ApiKeyVerifier); anything else is 401. */
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Clock } from '@tenantry/service';
import { GATEWAY_PROBLEMS } from '../problems';
import { ApiKeyRepository } from './api-key.repository';
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
    private readonly verifier: ApiKeyVerifier,
    private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<GatewayRequest>();
    const header = request.headers['authorization'];
    const secret = typeof header === 'string' ? BEARER.exec(header.trim())?.[1] : undefined;
    const key = secret ? await this.verifier.find(secret, { activeOnly: true }) : undefined;
    if (!key) {
      http.getResponse<HeaderReply>().header('WWW-Authenticate', 'Bearer realm="tenantry"');
      throw GATEWAY_PROBLEMS.unauthenticated(secret ? 'The API key is unknown or revoked.' : 'Send an API key as `Authorization: Bearer <key>`.');
    }
    gatewayState(request).principal = { keyId: key.id, role: key.role, tenantId: key.tenantId };
    await this.keys.touch(key.id, this.clock.now());
    return true;
  }
}
