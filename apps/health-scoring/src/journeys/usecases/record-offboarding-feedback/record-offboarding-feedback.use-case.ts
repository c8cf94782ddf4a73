/** Records why a tenant leaves (a reason from the fixed list, a 0–10 score, free text); the latest reason travels in its WinBackDue. */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '@tenantry/service';
import { JourneysRepository, OffboardingFeedback } from '../../journeys.repository';
import { RecordOffboardingFeedbackCommand } from './record-offboarding-feedback.command';

@Injectable()
export class RecordOffboardingFeedbackUseCase {
  constructor(
    private readonly journeys: JourneysRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: RecordOffboardingFeedbackCommand): Promise<OffboardingFeedback> {
    const feedback: OffboardingFeedback = { id: randomUUID(), tenantId: command.tenantId, reason: command.reason, score: command.score, comment: command.comment, createdAt: this.clock.now() };
    await this.journeys.saveOffboardingFeedback(undefined, feedback);
    return feedback;
  }
}
