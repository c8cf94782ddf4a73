/** API usage from the gateway: samples, read by its Kafka consumer, converted into UsageRecorded. */
import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants/tenants.module';
import { ApiUsageConsumer } from './api-usage.consumer';
import { ConvertApiUsageUseCase } from './usecases/convert-api-usage/convert-api-usage.use-case';

@Module({
  imports: [TenantsModule],
  providers: [ConvertApiUsageUseCase, ApiUsageConsumer],
})
export class ApiUsageModule {}
