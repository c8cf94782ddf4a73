/** Request bodies of the ingestion API: only their shape is checked here; each event's rules are checked on their own. */
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsObject, IsOptional, IsString, ValidateBy, ValidateNested, ValidationOptions } from 'class-validator';

export const MAX_BATCH_EVENTS = 1_000;

function IsStringOrNumber(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isStringOrNumber', validator: { validate: (value: unknown) => typeof value === 'string' || typeof value === 'number', defaultMessage: () => '$property must be a decimal string or a number' } }, options);
}

export class TenantUsageEventDto {
  @IsString()
  eventId!: string;

  @IsString()
  metric!: string;

  @IsDefined()
  @IsStringOrNumber()
  quantity!: string | number;

  @IsString()
  timestamp!: string;

  @IsOptional()
  @IsObject()
  properties?: Record<string, unknown>;
}

export class UsageEventDto extends TenantUsageEventDto {
  @IsString()
  tenantId!: string;
}

export class RecordUsageBatchDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_EVENTS)
  @ValidateNested({ each: true })
  @Type(() => UsageEventDto)
  events!: UsageEventDto[];
}
