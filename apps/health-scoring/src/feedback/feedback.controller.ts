/** Feedback of a tenant (internal API; the gateway exposes it under /api/v1/platform/tenants/{id}/feedback). */
import { Body, Controller, Param, Post } from '@nestjs/common';
import { FeedbackViewDto, RecordFeedbackDto } from '@tenantry/health-api';
import { UuidParamPipe } from '@tenantry/service';
import { RecordFeedbackCommand } from './usecases/record-feedback/record-feedback.command';
import { RecordFeedbackUseCase } from './usecases/record-feedback/record-feedback.use-case';

@Controller('internal/v1')
export class FeedbackController {
  constructor(private readonly record: RecordFeedbackUseCase) {}

  @Post('tenants/:id/feedback')
  async add(@Param('id', UuidParamPipe) id: string, @Body() body: RecordFeedbackDto): Promise<FeedbackViewDto> {
    const feedback = await this.record.execute(new RecordFeedbackCommand(id, body.score, body.comment ?? null));
    return { id: feedback.id, tenantId: id, score: feedback.score, comment: feedback.comment, createdAt: feedback.createdAt.toISOString() };
  }
}
