/** A tenant's offboarding feedback, newest first (an empty list when it left none). */
import { Injectable } from '@nestjs/common';
import { tenantScope } from '@tenantry/persistence';
import { JourneysRepository, OffboardingFeedback } from '../../journeys.repository';
import { ListOffboardingFeedbackCommand } from './list-offboarding-feedback.command';

@Injectable()
export class ListOffboardingFeedbackUseCase {
  constructor(private readonly journeys: JourneysRepository) {}

  execute(command: ListOffboardingFeedbackCommand): Promise<OffboardingFeedback[]> {
    return this.journeys.offboardingFeedback(undefined, tenantScope(command.tenantId));
  }
}
