/** The environment of the health-scoring service. */
import { Type } from 'class-transformer';
import { IsInt, Max, Min, ValidateBy } from 'class-validator';
import { InternalServiceConfig } from '@tenantry/config';
import { DEFAULT_WEIGHTS, parseWeights, Weights } from './scoring/weights';

export class HealthScoringConfig extends InternalServiceConfig {
  override PORT = 3005;

  /** The weight of each component in the overall score, `name=0..100` for all five (renormalised over the components that have data). */
  @ValidateBy({
    name: 'healthWeights',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && typeof parseWeights(value) !== 'string',
      defaultMessage: (args) => (typeof args?.value === 'string' ? (parseWeights(args.value) as string) : 'must be a string'),
    },
  })
  HEALTH_WEIGHTS = DEFAULT_WEIGHTS;

  /** How often every tenant's score is recomputed as of now (windows age, red for 7 days) besides the recomputation on each event (usage: by the rescoring job). */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(100, { message: 'must be at least 100 ms' })
  @Max(86_400_000, { message: 'must be at most one day' })
  HEALTH_RECOMPUTE_INTERVAL_MS = 3_600_000;

  /**
   * How often the tenants the usage stream marked dirty are recomputed (each once, however many
   * usage events it had): the score lags the usage by about this much plus the recomputation.
   */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(10, { message: 'must be at least 10 ms' })
  @Max(60_000, { message: 'must be at most 60000 ms' })
  HEALTH_RESCORE_INTERVAL_MS = 250;

  /**
   * Analytics answers are served from memory while younger than this (recomputed in the background
   * once half as old; `asOf` in each answer); 0 computes every request afresh.
   */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(0, { message: 'must be at least 0 ms' })
  @Max(300_000, { message: 'must be at most 300000 ms' })
  ANALYTICS_CACHE_MS = 5_000;

  /** Lifecycle journeys: a green tenant gets a success check-in every this many days (operator task + mail to its admin). */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of days' })
  @Min(1, { message: 'must be at least 1 day' })
  @Max(3650, { message: 'must be at most 3650 days' })
  HEALTH_SUCCESS_CHECKIN_DAYS = 90;

  /** Lifecycle journeys: days after a tenant was offboarded before WinBackDue (never for abuse or a non-payment write-off). */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of days' })
  @Min(0, { message: 'must be at least 0 days' })
  @Max(3650, { message: 'must be at most 3650 days' })
  HEALTH_WINBACK_DELAY_DAYS = 30;

  weights(): Weights {
    return parseWeights(this.HEALTH_WEIGHTS) as Weights;
  }
}
