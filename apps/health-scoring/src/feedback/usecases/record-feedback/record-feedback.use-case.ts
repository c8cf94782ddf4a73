/** Records an NPS-style feedback (0–10 and a comment) of a tenant and recomputes its score (satisfaction) in the same transaction. */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { tenantScope, Transactions } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { RecomputeHealthCommand } from '../../../health/usecases/recompute-health/recompute-health.command';
import { RecomputeHealthUseCase } from '../../../health/usecases/recompute-health/recompute-health.use-case';
import { Feedback, HealthRepository } from '../../../projection/health.repository';
import { RecordFeedbackCommand } from './record-feedback.command';

@Injectable()
export class RecordFeedbackUseCase {
  constructor(
    private readonly health: HealthRepository,
    private readonly recompute: RecomputeHealthUseCase,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  async execute(command: RecordFeedbackCommand): Promise<Feedback> {
    const feedback: Feedback = { id: randomUUID(), score: command.score, comment: command.comment, createdAt: this.clock.now() };
    await this.transactions.run(async (tx) => {
      await this.health.saveFeedback(tx, tenantScope(command.tenantId), feedback);
      await this.recompute.execute(new RecomputeHealthCommand(command.tenantId, feedback.createdAt), tx);
    });
    return feedback;
  }
}
