/** API usage from the gateway: samples converted into UsageRecorded. Its consumer is handed to the chassis. */
import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants/tenants.module';
import { ConvertApiUsageUseCase } from './usecases/convert-api-usage/convert-api-usage.use-case';

@Module({
  imports: [TenantsModule],
  providers: [ConvertApiUsageUseCase],
  exports: [ConvertApiUsageUseCase],
})
export class ApiUsageModule {}
