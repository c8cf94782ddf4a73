/** The API-call quota: its consumer and use cases, its tables and the interceptor that answers 429 on every route. */
import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ApiCallQuotaConsumer } from './api-call-quota.consumer';
import { ApiCallQuotaInterceptor } from './api-call-quota.interceptor';
import { ApiCallQuotaRepository } from './api-call-quota.repository';
import { PostgresApiCallQuotaRepository } from './postgres-api-call-quota.repository';
import { ApplyLimitsChangeUseCase } from './usecases/apply-limits-change/apply-limits-change.use-case';
import { RecordLimitExceededUseCase } from './usecases/record-limit-exceeded/record-limit-exceeded.use-case';

@Module({
  providers: [{ provide: ApiCallQuotaRepository, useClass: PostgresApiCallQuotaRepository }, RecordLimitExceededUseCase, ApplyLimitsChangeUseCase, ApiCallQuotaConsumer, { provide: APP_INTERCEPTOR, useClass: ApiCallQuotaInterceptor }],
})
export class QuotaModule {}
