/** Windows that have ended, to judge and report. */
import { PerformanceThresholds, PerformanceWindow } from '../../performance-windows';

export class ReportPerformanceCommand {
  constructor(
    readonly windows: readonly PerformanceWindow[],
    readonly thresholds: PerformanceThresholds,
    readonly at: Date,
  ) {}
}
