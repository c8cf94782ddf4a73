/** The operators' retention check-ins, newest due first, optionally by status. */
import { Injectable } from '@nestjs/common';
import { CheckIn, JourneysRepository } from '../../journeys.repository';
import { ListCheckInsCommand } from './list-check-ins.command';

@Injectable()
export class ListCheckInsUseCase {
  constructor(private readonly journeys: JourneysRepository) {}

  execute(command: ListCheckInsCommand): Promise<CheckIn[]> {
    return this.journeys.checkIns(command.status, command.limit);
  }
}
