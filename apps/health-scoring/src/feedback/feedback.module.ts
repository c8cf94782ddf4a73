/** NPS-style feedback recorded through the API: the satisfaction component's input. */
import { Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module';
import { FeedbackController } from './feedback.controller';
import { RecordFeedbackUseCase } from './usecases/record-feedback/record-feedback.use-case';

@Module({
  imports: [HealthModule],
  controllers: [FeedbackController],
  providers: [RecordFeedbackUseCase],
})
export class FeedbackModule {}
