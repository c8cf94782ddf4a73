/**
 * For the keyless public routes (the unsubscribe link): charges the call to its source address's
 * bucket (RATE_LIMIT_ANONYMOUS, the same as a call without a valid key) and answers 429 before any
 * further work. The route's own token is the authority, not the caller.
 */
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { GatewayRequest, gatewayState } from '../auth/principal';
import { HeaderReply, RateLimiter } from './rate-limiter';

@Injectable()
export class AddressRateLimitGuard implements CanActivate {
  constructor(private readonly limiter: RateLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<GatewayRequest>();
    const reply = http.getResponse<HeaderReply>();
    const address = request.ip ?? 'unknown';
    // Every answer of a keyless public route is audited (not only the address' first per minute): it is rate-limited here.
    gatewayState(request).keylessPublicRoute = true;
    this.limiter.refuseRecent(`address:${address}`, request, reply);
    await this.limiter.admit({ address }, request, reply, `address:${address}`);
    return true;
  }
}
