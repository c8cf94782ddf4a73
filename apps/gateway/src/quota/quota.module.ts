/** The API-call quota: its consumer's use cases, its tables and the interceptor that answers 429 on every route. */
import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ApiCallQuotaInterceptor } from './api-call-quota.interceptor';
import { ApiCallQuotaRepository } from './api-call-quota.repository';
import { PostgresApiCallQuotaRepository } from './postgres-api-call-quota.repository';
import { ApplyLimitsChangeUseCase } from './usecases/apply-limits-change/apply-limits-change.use-case';
import { RecordLimitExceededUseCase } from './usecases/record-limit-exceeded/record-limit-exceeded.use-case';

// Global because the chassis instantiates consumers inside ServiceModule, which cannot import
// feature modules; the consumer needs the use cases from here.
@Global()
@Module({
  providers: [{ provide: ApiCallQuotaRepository, useClass: PostgresApiCallQuotaRepository }, RecordLimitExceededUseCase, ApplyLimitsChangeUseCase, { provide: APP_INTERCEPTOR, useClass: ApiCallQuotaInterceptor }],
  exports: [ApiCallQuotaRepository, RecordLimitExceededUseCase, ApplyLimitsChangeUseCase],
})
export class QuotaModule {}
