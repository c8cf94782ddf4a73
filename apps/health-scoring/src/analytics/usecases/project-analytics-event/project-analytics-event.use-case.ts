/** Folds one lifecycle, billing or performance event into analytics' tables (the chassis inbox applies an event id once). */
import { Injectable } from '@nestjs/common';
import { Transaction } from '@tenantry/persistence';
import { AnalyticsRepository } from '../../analytics.repository';
import { ProjectAnalyticsEventCommand } from './project-analytics-event.command';

@Injectable()
export class ProjectAnalyticsEventUseCase {
  constructor(private readonly analytics: AnalyticsRepository) {}

  async execute(command: ProjectAnalyticsEventCommand, tx: Transaction): Promise<void> {
    await this.analytics.project(tx, command.signal);
  }
}
