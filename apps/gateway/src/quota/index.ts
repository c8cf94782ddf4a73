// The quota feature's public surface.
export { QuotaModule } from './quota.module';
export { ApiCallQuotaInterceptor } from './api-call-quota.interceptor';
