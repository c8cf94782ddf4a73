/** Payloads of health-scoring events (topic tenantry.health.v1). */
import { IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { nested } from './shared.payload';

export class HealthComponents {
  @IsInt() @Min(0) @Max(100) activity!: number;
  @IsInt() @Min(0) @Max(100) revenue!: number;
  @IsInt() @Min(0) @Max(100) compliance!: number;
  @IsInt() @Min(0) @Max(100) performance!: number;
  @IsInt() @Min(0) @Max(100) satisfaction!: number;
}

export class TenantHealthChangedPayload {
  @IsUUID()
  tenantId!: string;

  @IsInt()
  @Min(0)
  @Max(100)
  overall!: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  previousOverall?: number;

  @ValidateNested()
  @nested(HealthComponents)
  components!: HealthComponents;

  @IsISO8601()
  at!: string;
}

export class ChurnRiskDetectedPayload {
  @IsUUID()
  tenantId!: string;

  @IsIn(['medium', 'high'])
  risk!: 'medium' | 'high';

  @IsArray()
  @IsString({ each: true })
  reasons!: string[];

  @IsISO8601()
  at!: string;
}
