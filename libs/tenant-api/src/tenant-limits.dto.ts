/** Body of `PUT …/tenants/{id}/limits`: the whole set of a tenant's resource limits, validated alike by the gateway and the registry. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { plainToInstance, Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsObject, ValidateBy, ValidateNested, ValidationArguments } from 'class-validator';
import { LIMIT_MODES, LimitMode } from '@tenantry/contracts';
import { Optional } from './field-rules';

/** Upper bounds, the same as a tenant's `resources` where they overlap. */
export const LIMIT_MAXIMA = { storage: 1_000_000, bandwidth: 10_000_000, users: 10_000_000, apiCalls: 1_000_000_000_000, meter: 1_000_000_000_000_000 } as const;

/** At most this many meter limits in one body (a tenant's limit set is small; a bigger body is a mistake). */
export const MAX_METER_LIMITS = 50;

/** A meter key as metering defines it (`/meters`). */
const METER_KEY = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * The built-in meters the fixed fields already limit, and the field to use: a second limit on the
 * same meter under `meters` would make two limits (in two units) on one meter.
 */
export const FIXED_LIMIT_METERS = { storage_bytes: 'storage', bandwidth_bytes: 'bandwidth', active_users: 'users', api_calls: 'apiCalls' } as const;

const MODE_DOC = { enum: LIMIT_MODES, default: 'soft', description: '`soft` alerts only; `hard` also enforces (API calls: 429 until the month ends)' } as const;

/** Decimals of a number as written in its shortest form (class-validator's maxDecimalPlaces breaks on `1e-10`). */
function decimalPlaces(value: number): number {
  const [mantissa = '', exponent = '0'] = value.toExponential().split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
}

const GIGABYTE_DECIMALS = 9;
/** A meter's limit in its own unit: as exact as metering's decimals need, and short of float noise. */
const METER_DECIMALS = 9;

/**
 * Min and max that leave a value that is not a number to IsNumber / IsInt, so a missing or mistyped
 * limit is named once (class-validator's Min and Max would each name it again).
 */
function InRange(min: number, max: number): PropertyDecorator {
  return (target, property) => {
    ValidateBy({ name: 'min', validator: { validate: (value: unknown) => typeof value !== 'number' || value >= min, defaultMessage: () => `$property must not be less than ${min}` } })(target, property);
    ValidateBy({ name: 'max', validator: { validate: (value: unknown) => typeof value !== 'number' || value <= max, defaultMessage: () => `$property must not be greater than ${max}` } })(target, property);
  };
}

function AtMostDecimals(decimals: number, why: string): PropertyDecorator {
  return ValidateBy({
    name: 'atMostDecimals',
    validator: {
      validate: (value: unknown) => typeof value !== 'number' || !Number.isFinite(value) || decimalPlaces(value) <= decimals,
      defaultMessage: () => `$property must have at most ${decimals} decimals${why}`,
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
  @AtMostDecimals(GIGABYTE_DECIMALS, ' (a whole number of bytes)')
  @InRange(0, LIMIT_MAXIMA.storage)
  limit!: number;

  @ModeField()
  mode?: LimitMode;
}

export class BandwidthLimitDto {
  @ApiProperty({ minimum: 0, maximum: LIMIT_MAXIMA.bandwidth, example: 100, description: 'Gigabytes (10^9 bytes) transferred per billing month (UTC calendar month), at most 9 decimals' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @AtMostDecimals(GIGABYTE_DECIMALS, ' (a whole number of bytes)')
  @InRange(0, LIMIT_MAXIMA.bandwidth)
  limit!: number;

  @ModeField()
  mode?: LimitMode;
}

export class UsersLimitDto {
  @ApiProperty({ minimum: 0, maximum: LIMIT_MAXIMA.users, example: 25, description: 'Distinct active users per billing month' })
  @IsInt()
  @InRange(0, LIMIT_MAXIMA.users)
  limit!: number;

  @ModeField()
  mode?: LimitMode;
}

export class ApiCallsLimitDto {
  @ApiProperty({ minimum: 0, maximum: LIMIT_MAXIMA.apiCalls, example: 100000, description: 'API calls per billing month' })
  @IsInt()
  @InRange(0, LIMIT_MAXIMA.apiCalls)
  limit!: number;

  @ModeField()
  mode?: LimitMode;
}

/** A limit on an operator-defined (or another built-in) meter, in the meter's unit. */
export class MeterLimitDto {
  @ApiProperty({ minimum: 0, maximum: LIMIT_MAXIMA.meter, example: 1000000, description: "In the meter's unit, per billing month (UTC calendar month), at most 9 decimals" })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @AtMostDecimals(METER_DECIMALS, '')
  @InRange(0, LIMIT_MAXIMA.meter)
  limit!: number;

  @ModeField()
  mode?: LimitMode;
}

const LIMIT_VALUE = 'must be a number or an object {limit, mode}';
const METER_VALUE = LIMIT_VALUE;
const METERS_OBJECT = 'meters must be an object {"<meter key>": limit}';

/** Why a key cannot be limited under `meters`, or null when it can (whether the meter exists is asked of metering by the gateway). */
export function meterKeyProblem(key: string): string | null {
  if (!METER_KEY.test(key)) return 'not a meter key (lower case letters, digits and _, starting with a letter, at most 63)';
  const field = (FIXED_LIMIT_METERS as Record<string, string>)[key];
  return field ? `${key} is limited by the field \`${field}\`: set it there, not under meters` : null;
}

/**
 * `meters` as a Map of the key to its limit, so that class-validator validates each entry and names it
 * `meters.<key>` (`meters.<key>.limit`). An entry that cannot be a limit (a bad key, a value neither a
 * number nor an object) becomes the sentence saying why, which `ValidateNested` reports at that key.
 */
function toMeterLimits(meters: unknown): unknown {
  // Not an object: a sentence, not the array itself (ValidateNested would name each element).
  if (meters === undefined) return undefined;
  if (typeof meters !== 'object' || meters === null || Array.isArray(meters)) return METERS_OBJECT;
  const entries = Object.entries(meters as Record<string, unknown>).map(([key, value]): [string, MeterLimitDto | string] => {
    const problem = meterKeyProblem(key);
    if (problem) return [key, problem];
    if (typeof value === 'number') return [key, plainToInstance(MeterLimitDto, { limit: value })];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [key, METER_VALUE];
    return [key, plainToInstance(MeterLimitDto, value)];
  });
  return new Map(entries);
}

function MeterLimitsField(): PropertyDecorator {
  return (target, property) => {
    ApiPropertyOptional({
      type: 'object',
      description:
        "Limits on meters by key (`GET /meters`), in each meter's unit per billing month: `{limit, mode}` or a plain number (soft, or the mode already set). " +
        'A key that is not a defined meter is refused (400 naming `meters.<key>`), as are the built-in meters the fields above limit (`storage_bytes`, `bandwidth_bytes`, `active_users`, `api_calls`). ' +
        'A `hard` meter limit is reported as hard (`UsageLimitExceeded` `mode: hard`) and enforced by whatever does the metered work; metering keeps recording the usage. Absent or `{}`: no meter limits.',
      additionalProperties: {
        oneOf: [
          { type: 'number', minimum: 0, maximum: LIMIT_MAXIMA.meter },
          {
            type: 'object',
            required: ['limit'],
            additionalProperties: false,
            properties: { limit: { type: 'number', minimum: 0, maximum: LIMIT_MAXIMA.meter }, mode: { type: 'string', enum: [...LIMIT_MODES], default: 'soft' } },
          },
        ],
      },
      maxProperties: MAX_METER_LIMITS,
      example: { documents_processed: { limit: 10000, mode: 'hard' }, gpu_minutes: 600 },
    })(target, property);
    Optional()(target, property);
    Transform(({ obj }) => toMeterLimits((obj as Record<string, unknown>)[property as string]))(target, property);
    ValidateBy({
      name: 'meterLimits',
      validator: {
        validate: (value: unknown) => value instanceof Map && value.size <= MAX_METER_LIMITS,
        defaultMessage: (args?: ValidationArguments) =>
          args?.value instanceof Map ? `meters must name at most ${MAX_METER_LIMITS} meters` : METERS_OBJECT,
      },
    })(target, property);
    ValidateNested({ each: true, message: (args: ValidationArguments) => (typeof args.value === 'string' ? args.value : METER_VALUE) })(target, property);
  };
}

function LimitField(cls: new () => object, required: boolean): PropertyDecorator {
  return (target, property) => {
    // The schema shows the object form: a oneOf with the plain number would be joined by the allOf
    // swagger derives from the property's class, and refuse the number anyway (the operation's description tells the plain form).
    (required ? ApiProperty({ type: cls }) : ApiPropertyOptional({ type: cls, description: 'Absent: no limit on API calls' }))(target, property);
    // IsObject: ValidateNested alone lets a missing (or null) value through. A plain number was made
    // an object by normalizeLimitsBody before validation.
    // An absent field is named as required: "must be a number or an object" read as if a value had been sent.
    IsObject({ message: (args: ValidationArguments) => (args.value === undefined ? `${args.property} is required: a number or an object {limit, mode}` : `${args.property} ${LIMIT_VALUE}`) })(target, property);
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

  /** Validated as a Map (see toMeterLimits); a plain object `{key: limit}` on the wire. */
  @MeterLimitsField()
  meters?: Map<string, MeterLimitDto>;
}

export const LIMIT_FIELDS = ['storage', 'users', 'bandwidth', 'apiCalls'] as const;
export type LimitField = (typeof LIMIT_FIELDS)[number];
/** A field whose mode a plain number keeps: a fixed field or `meters.<key>`. */
export type PlainLimit = LimitField | `meters.${string}`;

/**
 * The product description's plain form, `{"storage": 10, "users": 5, "bandwidth": 100}`, beside the
 * object form: a number is the limit with no mode given (`{limit: n}`). Returns the body in object
 * form for validation and the fields that were plain numbers — those keep the mode the tenant
 * already has for them (soft when none), where the object form without a mode means soft.
 */
export function normalizeLimitsBody(body: Record<string, unknown>): { body: Record<string, unknown>; plain: PlainLimit[] } {
  const normalized: Record<string, unknown> = { ...body };
  const plain: PlainLimit[] = [];
  for (const field of LIMIT_FIELDS) {
    if (typeof body[field] === 'number') {
      normalized[field] = { limit: body[field] };
      plain.push(field);
    }
  }
  const meters = body['meters'];
  if (typeof meters === 'object' && meters !== null && !Array.isArray(meters)) {
    const entries = Object.entries(meters as Record<string, unknown>).map(([key, value]) => {
      if (typeof value !== 'number') return [key, value];
      plain.push(`meters.${key}`);
      return [key, { limit: value }];
    });
    normalized['meters'] = Object.fromEntries(entries);
  }
  return { body: normalized, plain };
}
