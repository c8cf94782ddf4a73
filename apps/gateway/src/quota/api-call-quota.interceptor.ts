/**
 * Refuses, with 429 and Retry-After, every call made with a tenant-admin key of a tenant whose
 * hard API-call limit is used up. An interceptor rather than a guard because it must run on every
 * route after the route's own authentication guard has found the key; global guards run first.
 * Platform keys are never throttled, so staff can always raise the limit.
 */
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { Clock } from '@tenantry/service';
import { tenantScope } from '@tenantry/persistence';
import { GatewayRequest } from '../auth';
import { retryAfterSeconds } from './api-call-quota-policy';
import { apiCallLimitExceeded } from './api-call-quota.problems';
import { ApiCallQuotaRepository } from './api-call-quota.repository';

interface HeaderReply {
  header(name: string, value: string): unknown;
}

@Injectable()
export class ApiCallQuotaInterceptor implements NestInterceptor {
  constructor(
    private readonly quota: ApiCallQuotaRepository,
    private readonly clock: Clock,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const principal = http.getRequest<GatewayRequest>().gateway?.principal;
    if (principal?.role !== 'tenant-admin' || principal.tenantId === null) return next.handle();
    const now = this.clock.now();
    const block = await this.quota.activeBlock(tenantScope(principal.tenantId), now);
    if (!block) return next.handle();
    http.getResponse<HeaderReply>().header('Retry-After', String(retryAfterSeconds(block, now)));
    throw apiCallLimitExceeded(block);
  }
}
