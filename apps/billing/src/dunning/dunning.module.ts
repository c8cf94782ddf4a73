/** Dunning: the configured ladder over a tenant's overdue invoices (episodes and steps, each once), the job that walks it, and the state route. */
import { Module } from '@nestjs/common';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { DunningController } from './dunning.controller';
import { DunningEpisodes } from './dunning-episodes';
import { DunningRepository } from './dunning.repository';
import { DunningScheduler } from './dunning.scheduler';
import { PostgresDunningRepository } from './postgres-dunning.repository';
import { EvaluateDunningUseCase } from './usecases/evaluate-dunning/evaluate-dunning.use-case';
import { GetDunningStateUseCase } from './usecases/get-dunning-state/get-dunning-state.use-case';

@Module({
  imports: [SubscriptionsModule],
  controllers: [DunningController],
  providers: [{ provide: DunningRepository, useClass: PostgresDunningRepository }, DunningEpisodes, DunningScheduler, EvaluateDunningUseCase, GetDunningStateUseCase],
  exports: [DunningEpisodes, EvaluateDunningUseCase],
})
export class DunningModule {}
