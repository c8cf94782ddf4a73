/** Per-tenant latency and error-rate windows, reported as TenantPerformanceDegraded. */
import { Module } from '@nestjs/common';
import { ApiUsageModule } from '../api-usage';
import { PerformanceMonitor } from './performance.monitor';
import { ReportPerformanceUseCase } from './usecases/report-performance/report-performance.use-case';

@Module({
  imports: [ApiUsageModule],
  providers: [ReportPerformanceUseCase, PerformanceMonitor],
})
export class PerformanceModule {}
