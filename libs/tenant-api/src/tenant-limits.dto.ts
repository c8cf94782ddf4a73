/** Body of `PUT …/tenants/{id}/limits`: the whole set of a tenant's resource limits, validated alike by the gateway and the registry. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsObject, Max, Min, ValidateBy, ValidateNested } from 'class-validator';
import { LIMIT_MODES, LimitMode } from '@tenantry/contracts';
import { Optional } from './field-rules';

/** Upper bounds, the same as a tenant's `resources` where they overlap. */
export const LIMIT_MAXIMA = { storage: 1_000_000, bandwidth: 10_000_000, users: 10_000_000, apiCalls: 1_000_000_000_000 } as const;

const MODE_DOC = { enum: LIMIT_MODES, default: 'soft', description: '`soft` alerts only; `hard` also enforces (API calls: 429 until the month ends)' } as const;

/** Decimals of a number as written in its shortest form (class-validator's maxDecimalPlaces breaks on `1e-10`). */
function decimalPlaces(value: number): number {
  const [mantissa = '', exponent = '0'] = value.toExponential().split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
}

const GIGABYTE_DECIMALS = 9;

/** At most 9 decimals of a gigabyte: a whole number of bytes. */
function WholeBytes(): PropertyDecorator {
  return ValidateBy({
    name: 'wholeBytes',
    validator: {
      validate: (value: unknown) => typeof value !== 'number' || !Number.isFinite(value) || decimalPlaces(value) <= GIGABYTE_DECIMALS,
      defaultMessage: () => `$property must have at most ${GIGABYTE_DECIMALS} decimals (a whole number of bytes)`,
    },
  });
}

function ModeField(): PropertyDecorator {
  return (target, property) => {
    ApiPropertyOptional(MODE_DOC)(target, property);
    Optional()(target, property);
    IsIn(LIMIT_MODES)(target, property);
  };
}

/** GB (1 GB = 10^9 bytes) with at most 9 decimals, so that the limit is a whole number of bytes. */
export class StorageLimitDto {
  @ApiProperty({ minimum: 0, maximum: LIMIT_MAXIMA.storage, example: 50, description: 'Stored gigabytes (10^9 bytes), at most 9 decimals' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @WholeBytes()
  @Min(0)
  @Max(LIMIT_MAXIMA.storage)
  limit!: number;

  @ModeField()
  mode?: LimitMode;
}

export class BandwidthLimitDto {
  @ApiProperty({ minimum: 0, maximum: LIMIT_MAXIMA.bandwidth, example: 100, description: 'Gigabytes (10^9 bytes) transferred per billing month (UTC calendar month), at most 9 decimals' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @WholeBytes()
  @Min(0)
  @Max(LIMIT_MAXIMA.bandwidth)
  limit!: number;

  @ModeField()
  mode?: LimitMode;
}

export class UsersLimitDto {
  @ApiProperty({ minimum: 0, maximum: LIMIT_MAXIMA.users, example: 25, description: 'Distinct active users per billing month' })
  @IsInt()
  @Min(0)
  @Max(LIMIT_MAXIMA.users)
  limit!: number;

  @ModeField()
  mode?: LimitMode;
}

export class ApiCallsLimitDto {
  @ApiProperty({ minimum: 0, maximum: LIMIT_MAXIMA.apiCalls, example: 100000, description: 'API calls per billing month' })
  @IsInt()
  @Min(0)
  @Max(LIMIT_MAXIMA.apiCalls)
  limit!: number;

  @ModeField()
  mode?: LimitMode;
}

function LimitField(cls: new () => object, required: boolean): PropertyDecorator {
  return (target, property) => {
    (required ? ApiProperty({ type: cls }) : ApiPropertyOptional({ type: cls, description: 'Absent: no limit on API calls' }))(target, property);
    // IsObject: ValidateNested alone lets a missing (or null) value through. A plain number was made
    // an object by normalizeLimitsBody before validation.
    IsObject({ message: '$property must be a number or an object {limit, mode}' })(target, property);
    Type(() => cls)(target, property);
    ValidateNested()(target, property);
  };
}

export class TenantLimitsDto {
  @LimitField(StorageLimitDto, true)
  storage!: StorageLimitDto;

  @LimitField(UsersLimitDto, true)
  users!: UsersLimitDto;

  @LimitField(BandwidthLimitDto, true)
  bandwidth!: BandwidthLimitDto;

  @Optional()
  @LimitField(ApiCallsLimitDto, false)
  apiCalls?: ApiCallsLimitDto;
}

export const LIMIT_FIELDS = ['storage', 'users', 'bandwidth', 'apiCalls'] as const;
export type LimitField = (typeof LIMIT_FIELDS)[number];

/**
 * The product description's plain form, `{"storage": 10, "users": 5, "bandwidth": 100}`, beside the
 * object form: a number is the limit with no mode given (`{limit: n}`). Returns the body in object
 * form for validation and the fields that were plain numbers — those keep the mode the tenant
 * already has for them (soft when none), where the object form without a mode means soft.
 */
export function normalizeLimitsBody(body: Record<string, unknown>): { body: Record<string, unknown>; plain: LimitField[] } {
  const normalized: Record<string, unknown> = { ...body };
  const plain: LimitField[] = [];
  for (const field of LIMIT_FIELDS) {
    if (typeof body[field] === 'number') {
      normalized[field] = { limit: body[field] };
      plain.push(field);
    }
  }
  return { body: normalized, plain };
}
