/** The cross-tenant usage summary (read side over the aggregates). */
import { Module } from '@nestjs/common';
import { SummaryController } from './summary.controller';
import { SummaryRepository } from './summary.repository';
import { PostgresSummaryRepository } from './postgres-summary.repository';
import { GetUsageSummaryUseCase } from './usecases/get-usage-summary/get-usage-summary.use-case';

@Module({
  controllers: [SummaryController],
  providers: [{ provide: SummaryRepository, useClass: PostgresSummaryRepository }, GetUsageSummaryUseCase],
})
export class SummaryModule {}
