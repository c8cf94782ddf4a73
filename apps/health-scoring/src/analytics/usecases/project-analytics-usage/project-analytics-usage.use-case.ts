/** Adds a batch of usage events to the per plan per day / hour and per tenant per month rollups. */
import { Injectable } from '@nestjs/common';
import { Transaction } from '@tenantry/persistence';
import { AnalyticsRepository } from '../../analytics.repository';
import { ProjectAnalyticsUsageCommand } from './project-analytics-usage.command';

@Injectable()
export class ProjectAnalyticsUsageUseCase {
  constructor(private readonly analytics: AnalyticsRepository) {}

  async execute(command: ProjectAnalyticsUsageCommand, tx: Transaction): Promise<void> {
    if (command.events.length > 0) await this.analytics.projectUsage(tx, command.events);
  }
}
