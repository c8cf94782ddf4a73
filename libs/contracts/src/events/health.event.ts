/** Payloads of health-scoring events (topic tenantry.health.v1). */
import { IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { nested } from './shared.payload';

export const HEALTH_BANDS = ['red', 'yellow', 'green'] as const;
export type HealthBand = (typeof HEALTH_BANDS)[number];

/** Each component 0–100; a component without data is absent (the overall score was renormalised without it). */
export class HealthComponents {
  @IsOptional() @IsInt() @Min(0) @Max(100) activity?: number;
  @IsOptional() @IsInt() @Min(0) @Max(100) revenue?: number;
  @IsOptional() @IsInt() @Min(0) @Max(100) compliance?: number;
  @IsOptional() @IsInt() @Min(0) @Max(100) performance?: number;
  @IsOptional() @IsInt() @Min(0) @Max(100) satisfaction?: number;
}

export class TenantHealthChangedPayload {
  @IsUUID()
  tenantId!: string;

  @IsInt()
  @Min(0)
  @Max(100)
  overall!: number;

  /** 0–50 red, 51–75 yellow, 76–100 green. */
  @IsOptional()
  @IsIn(HEALTH_BANDS)
  band?: HealthBand;

  /** The score of the previous TenantHealthChanged of the tenant; absent for its first. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  previousOverall?: number;

  @IsOptional()
  @IsIn(HEALTH_BANDS)
  previousBand?: HealthBand;

  @ValidateNested()
  @nested(HealthComponents)
  components!: HealthComponents;

  @IsISO8601()
  at!: string;
}

export const CHURN_REASONS = ['score-drop', 'usage-decline', 'payment-failures', 'red-7-days'] as const;
export type ChurnReason = (typeof CHURN_REASONS)[number];

export class ChurnRiskDetectedPayload {
  @IsUUID()
  tenantId!: string;

  /** `high` when two or more reasons hold at once, else `medium`. */
  @IsIn(['medium', 'high'])
  risk!: 'medium' | 'high';

  /** The reasons newly raised (each once per episode): score-drop, usage-decline, payment-failures, red-7-days. */
  @IsArray()
  @IsString({ each: true })
  reasons!: string[];

  /** One sentence per reason in `reasons`, with its numbers. */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  details?: string[];

  @IsISO8601()
  at!: string;
}
