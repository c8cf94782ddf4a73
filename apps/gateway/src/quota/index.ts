// The quota feature's public surface.
export { QuotaModule } from './quota.module';
export { ApiCallQuotaConsumer, API_CALL_QUOTA_CONSUMER_GROUP } from './api-call-quota.consumer';
export { ApiCallQuotaInterceptor } from './api-call-quota.interceptor';
