/** When an hour of a tenant's usage is unusual against its own baseline (the rule in apps/metering/README.md). */
import { HourlyBaseline } from './alert.row';

/** Standard deviations above the mean an hour must reach. */
const ANOMALY_SIGMAS = 4;
/** How many times the baseline's median an hour must exceed. */
const ANOMALY_MEDIAN_FACTOR = 3;

export function isUnusual(hour: HourlyBaseline, minVolume: number): boolean {
  return (
    hour.hasDayOfHistory &&
    hour.observed >= minVolume &&
    hour.observed > hour.mean + ANOMALY_SIGMAS * hour.stdDev &&
    hour.observed > ANOMALY_MEDIAN_FACTOR * hour.median
  );
}
