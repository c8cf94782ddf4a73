/** Request shapes shared by create and update: domain, plan, configuration and resources, each with its limits. */
import { plainToInstance, Transform, Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsNumber, IsString, Length, Max, MaxLength, Min, ValidateBy, ValidateIf, ValidateNested, ValidationOptions } from 'class-validator';
import { DOMAIN_TYPES, DomainType } from '@tenantry/contracts';

/** Optional, but `null` is still a wrong type (class-validator's IsOptional would let it through). */
export function Optional(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

const TIME_ZONES = new Set<string>([...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC']);
const CURRENCIES = new Set<string>(Intl.supportedValuesOf('currency'));

export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isTimeZone', validator: { validate: (value) => typeof value === 'string' && TIME_ZONES.has(value), defaultMessage: () => '$property must be an IANA time zone such as Europe/Paris' } }, options);
}

export function IsCurrencyCode(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isCurrencyCode', validator: { validate: (value) => typeof value === 'string' && CURRENCIES.has(value), defaultMessage: () => '$property must be an ISO 4217 currency code such as EUR' } }, options);
}

export function IsLanguageTag(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLanguageTag',
      validator: {
        validate: (value) => {
          if (typeof value !== 'string' || value.length === 0 || value.length > 35) return false;
          try {
            return Intl.getCanonicalLocales(value).length === 1;
          } catch {
            return false;
          }
        },
        defaultMessage: () => '$property must be a BCP 47 language tag such as en-GB',
      },
    },
    options,
  );
}

export class DomainDto {
  /** Inferred from the value when absent (the short form). */
  @Optional()
  @IsIn(DOMAIN_TYPES)
  type?: DomainType;

  @IsString()
  @Length(1, 253)
  value!: string;

  @Optional()
  @IsBoolean()
  ssl?: boolean;
}

export class PlanDto {
  @IsString()
  @Length(1, 64)
  id!: string;

  /** Defaults to whether the plan has a trial. */
  @Optional()
  @IsBoolean()
  trial?: boolean;

  @Optional()
  @IsInt()
  @Min(1)
  @Max(365)
  duration?: number;
}

export class ConfigurationDto {
  @Optional()
  @IsString()
  @Length(1, 64)
  theme?: string;

  @Optional()
  @IsLanguageTag()
  language?: string;

  @Optional()
  @IsTimeZone()
  timezone?: string;

  @Optional()
  @IsCurrencyCode()
  currency?: string;
}

export class ResourcesDto {
  /** GB. */
  @Optional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1_000_000)
  storage?: number;

  /** GB per month. */
  @Optional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(10_000_000)
  bandwidth?: number;

  @Optional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  users?: number;
}

/** `"acme"` or `"shop.example.com"` (short form) or `{type, value, ssl}` (full form). */
export function DomainField(): PropertyDecorator {
  return (target, property) => {
    Type(() => DomainDto)(target, property);
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? plainToInstance(DomainDto, { value }) : value))(target, property);
    ValidateNested()(target, property);
  };
}

/** `"starter"` (short form) or `{id, trial, duration?}` (full form). */
export function PlanField(): PropertyDecorator {
  return (target, property) => {
    Type(() => PlanDto)(target, property);
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? plainToInstance(PlanDto, { id: value }) : value))(target, property);
    ValidateNested()(target, property);
  };
}

export function ConfigurationField(): PropertyDecorator {
  return (target, property) => {
    Type(() => ConfigurationDto)(target, property);
    ValidateNested()(target, property);
  };
}

export function ResourcesField(): PropertyDecorator {
  return (target, property) => {
    Type(() => ResourcesDto)(target, property);
    ValidateNested()(target, property);
  };
}

export const NAME_LENGTH = { min: 1, max: 200 } as const;

export function NameField(): PropertyDecorator {
  return (target, property) => {
    IsString()(target, property);
    Length(NAME_LENGTH.min, NAME_LENGTH.max)(target, property);
  };
}

export function EmailField(): PropertyDecorator {
  return (target, property) => {
    IsString()(target, property);
    MaxLength(254)(target, property);
    IsEmail()(target, property);
  };
}
