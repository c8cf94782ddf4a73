/** An operator completes a check-in with a note: 404 for an unknown one, 409 for one already completed. */
import { Injectable } from '@nestjs/common';
import { Transactions } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { CheckIn, JourneysRepository } from '../../journeys.repository';
import { JOURNEY_PROBLEMS } from '../../journeys.problems';
import { CompleteCheckInCommand } from './complete-check-in.command';

@Injectable()
export class CompleteCheckInUseCase {
  constructor(
    private readonly journeys: JourneysRepository,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  execute(command: CompleteCheckInCommand): Promise<CheckIn> {
    return this.transactions.run(async (tx) => {
      const checkIn = await this.journeys.checkIn(tx, command.id);
      if (!checkIn) throw JOURNEY_PROBLEMS['check-in-not-found'](`no check-in ${command.id}`);
      if (checkIn.status === 'completed') throw JOURNEY_PROBLEMS['check-in-completed'](`check-in ${command.id} was completed at ${checkIn.completedAt?.toISOString() ?? '?'}`);
      const at = this.clock.now();
      await this.journeys.completeCheckIn(tx, command.id, command.note, command.by, at);
      return { ...checkIn, status: 'completed', note: command.note, completedBy: command.by, completedAt: at };
    });
  }
}
