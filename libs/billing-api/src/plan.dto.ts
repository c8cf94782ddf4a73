/**
 * The plan catalogue's request and response bodies, one set of rules for the gateway (which checks
 * them at the door and documents them) and billing (which answers them). Prices and quantities are
 * decimal strings, never JSON numbers, so no amount passes through a binary float.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';

/** A price: up to 14 digits before the point and 6 after (Postgres numeric(20,6)). */
export const PRICE_PATTERN = /^\d{1,14}(\.\d{1,6})?$/;
const PRICE_MESSAGE = 'must be a non-negative decimal string with at most 6 decimals';
/** A unit price may be finer than a price (a fraction of a cent per API call). */
export const UNIT_PRICE_PATTERN = /^\d{1,14}(\.\d{1,12})?$/;
const UNIT_PRICE_MESSAGE = 'must be a non-negative decimal string with at most 12 decimals';
/** A quantity in the metric's unit. */
export const QUANTITY_PATTERN = /^\d{1,30}(\.\d{1,12})?$/;
const QUANTITY_MESSAGE = 'must be a non-negative decimal string';
export const PLAN_ID_PATTERN = /^[a-z][a-z0-9-]{0,62}$/;
const METRIC_NAME = /^[a-z][a-z0-9_]{0,62}$/;

export const CHARGE_MODELS = ['standard', 'graduated', 'volume', 'package'] as const;
export type ChargeModelName = (typeof CHARGE_MODELS)[number];

export class ChargeTierDto {
  @ApiProperty({ type: String, nullable: true, example: '1000000', description: 'Inclusive upper bound; null for the last (unbounded) tier' })
  @ValidateIf((_, value) => value !== null)
  @Matches(QUANTITY_PATTERN, { message: `upTo ${QUANTITY_MESSAGE} or null` })
  upTo!: string | null;

  @ApiProperty({ example: '0.0004' })
  @Matches(UNIT_PRICE_PATTERN, { message: `unitPrice ${UNIT_PRICE_MESSAGE}` })
  unitPrice!: string;

  @ApiPropertyOptional({ example: '10', description: 'Added once the quantity enters the tier' })
  @IsOptional()
  @Matches(PRICE_PATTERN, { message: `flatFee ${PRICE_MESSAGE}` })
  flatFee?: string;
}

export class UsageChargeDto {
  @ApiProperty({ example: 'api_calls' })
  @Matches(METRIC_NAME, { message: 'metric must be a metric name (lower case letters, digits and _)' })
  metric!: string;

  @ApiProperty({ enum: CHARGE_MODELS })
  @IsIn(CHARGE_MODELS)
  model!: ChargeModelName;

  @ApiPropertyOptional({ example: '100000', description: 'Units of each period included in the base price' })
  @IsOptional()
  @Matches(QUANTITY_PATTERN, { message: `includedQuantity ${QUANTITY_MESSAGE}` })
  includedQuantity?: string;

  @ApiPropertyOptional({ example: '5', description: 'Added once a period when there is billable usage' })
  @IsOptional()
  @Matches(PRICE_PATTERN, { message: `flatFee ${PRICE_MESSAGE}` })
  flatFee?: string;

  @ApiPropertyOptional({ example: '0.0005', description: 'standard: the price of one unit' })
  @IsOptional()
  @Matches(UNIT_PRICE_PATTERN, { message: `unitPrice ${UNIT_PRICE_MESSAGE}` })
  unitPrice?: string;

  @ApiPropertyOptional({ type: [ChargeTierDto], description: 'graduated, volume: the tiers, bounds increasing, the last unbounded' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ChargeTierDto)
  tiers?: ChargeTierDto[];

  @ApiPropertyOptional({ example: '1000000000', description: 'package: units per block' })
  @IsOptional()
  @Matches(QUANTITY_PATTERN, { message: `packageSize ${QUANTITY_MESSAGE}` })
  packageSize?: string;

  @ApiPropertyOptional({ example: '0.05', description: 'package: the price of one block (a started block counts)' })
  @IsOptional()
  @Matches(PRICE_PATTERN, { message: `packagePrice ${PRICE_MESSAGE}` })
  packagePrice?: string;
}

/** PUT /plans/{id}: the whole new version (a change never edits an existing version). */
export class UpdatePlanDto {
  @ApiProperty({ example: 'Scale' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ example: '199' })
  @Matches(PRICE_PATTERN, { message: `basePrice ${PRICE_MESSAGE}` })
  basePrice!: string;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 365 })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(365)
  trialDays?: number | null;

  @ApiProperty({ type: [UsageChargeDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => UsageChargeDto)
  charges!: UsageChargeDto[];
}

/** POST /plans: a new plan's id and its first version. */
export class CreatePlanDto extends UpdatePlanDto {
  @ApiProperty({ example: 'scale', description: 'Plan id: lower case letters, digits and -' })
  @Matches(PLAN_ID_PATTERN, { message: 'id must be lower case letters, digits and -, starting with a letter (at most 63)' })
  id!: string;
}

export class PlanViewDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'The current version (new subscriptions get it)' }) version!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ example: '29' }) basePrice!: string;
  @ApiProperty({ type: Number, nullable: true }) trialDays!: number | null;
  @ApiProperty({ type: [UsageChargeDto] }) charges!: UsageChargeDto[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class PlanListDto {
  @ApiProperty({ type: [PlanViewDto] }) plans!: PlanViewDto[];
}
