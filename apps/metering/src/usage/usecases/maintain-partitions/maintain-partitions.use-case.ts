/**
 * Keeps the usage_event day partitions: every day of the lateness window and a few ahead exists,
 * and days older than the retention are dropped (their events can no longer be accepted, so their
 * dedup keys are no longer needed).
 */
import { Injectable } from '@nestjs/common';
import { Clock } from '@tenantry/service';
import { MeteringConfig } from '../../../metering.config';
import { utcDay } from '../../../billable-metrics/metric-catalogue';
import { UsagePartitionsRepository } from '../../usage-partitions.repository';
import { MaintainPartitionsCommand } from './maintain-partitions.command';

const DAY_MS = 86_400_000;
export const DAYS_AHEAD = 3;

@Injectable()
export class MaintainPartitionsUseCase {
  constructor(
    private readonly partitions: UsagePartitionsRepository,
    private readonly clock: Clock,
    private readonly config: MeteringConfig,
  ) {}

  async execute(_command: MaintainPartitionsCommand): Promise<{ created: string[]; dropped: string[] }> {
    const now = this.clock.now().getTime();
    const daysBack = Math.ceil(this.config.LATENESS_HOURS / 24) + 1;
    const days = Array.from({ length: daysBack + DAYS_AHEAD + 1 }, (_, i) => utcDay(new Date(now + (i - daysBack) * DAY_MS)));
    const created = await this.partitions.ensure(days);
    const dropped = await this.partitions.dropBefore(utcDay(new Date(now - this.config.USAGE_EVENT_RETENTION_DAYS * DAY_MS)));
    return { created, dropped };
  }
}
