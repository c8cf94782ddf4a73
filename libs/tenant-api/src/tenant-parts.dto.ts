/** The nested shapes of tenant requests (domain, plan, configuration, resources), their limits, and how string short forms map onto them. */
import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { plainToInstance, Transform, Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsNumber, IsString, Length, Max, MaxLength, Min, ValidateBy, ValidateNested } from 'class-validator';
import { DOMAIN_TYPES, DomainType } from '@tenantry/contracts';
import { IsCurrencyCode, IsDisplayName, IsLanguageTag, IsTimeZone, normaliseName, Optional } from './field-rules';

export const NAME_LENGTH = { min: 1, max: 200 } as const;

export class DomainDto {
  @ApiPropertyOptional({ enum: DOMAIN_TYPES, description: '`subdomain` of the platform domain or a `custom` domain; inferred from the value when absent' })
  @Optional()
  @IsIn(DOMAIN_TYPES)
  type?: DomainType;

  // Only the length here: domain syntax (subdomain or FQDN, reserved names) is the registry's domain logic.
  @ApiProperty({ example: 'acme', minLength: 1, maxLength: 253, description: 'Subdomain label or fully qualified domain name' })
  @IsString()
  @Length(1, 253)
  value!: string;

  @ApiPropertyOptional({ description: 'Issue a TLS certificate (default true)' })
  @Optional()
  @IsBoolean()
  ssl?: boolean;
}

export class PlanDto {
  @ApiProperty({ example: 'starter', minLength: 1, maxLength: 64 })
  @IsString()
  @Length(1, 64)
  id!: string;

  @ApiPropertyOptional({ description: 'Start with a trial (default: whether the plan has one)' })
  @Optional()
  @IsBoolean()
  trial?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 365, description: 'Trial length in days' })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(365)
  duration?: number;
}

export class ConfigurationDto {
  @ApiPropertyOptional({ example: 'default', minLength: 1, maxLength: 64 })
  @Optional()
  @IsString()
  @Length(1, 64)
  theme?: string;

  @ApiPropertyOptional({ example: 'en-GB', description: 'BCP 47 language tag' })
  @Optional()
  @IsLanguageTag()
  language?: string;

  @ApiPropertyOptional({ example: 'Europe/Paris', description: 'IANA time zone' })
  @Optional()
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ example: 'EUR', description: 'ISO 4217 currency code' })
  @Optional()
  @IsCurrencyCode()
  currency?: string;
}

export class ResourcesDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 1_000_000, description: 'Storage quota in GB' })
  @Optional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1_000_000)
  storage?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 10_000_000, description: 'Bandwidth in GB per month' })
  @Optional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(10_000_000)
  bandwidth?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 10_000_000, description: 'Maximum number of users' })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  users?: number;
}

/** `"acme"` / `"shop.example.com"` (short form) or `{type, value, ssl}` (full form); either way a DomainDto once transformed. */
/** An array passes ValidateNested (no element to check) and would reach the registry as a domain or plan: refused here. */
function NotAnArray(): PropertyDecorator {
  return ValidateBy({ name: 'isNotArray', validator: { validate: (value: unknown) => !Array.isArray(value), defaultMessage: (args) => `${args?.property ?? 'value'} must be a string or an object` } });
}

export function DomainField(required: boolean): PropertyDecorator {
  return (target, property) => {
    ApiProperty({ required, oneOf: [{ type: 'string', minLength: 1, maxLength: 253, description: 'Subdomain label or FQDN (short form)' }, { $ref: getSchemaPath(DomainDto) }] })(target, property);
    Type(() => DomainDto)(target, property);
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? plainToInstance(DomainDto, { value }) : value))(target, property);
    NotAnArray()(target, property);
    ValidateNested()(target, property);
  };
}

/** `"starter"` (short form) or `{id, trial, duration?}` (full form); either way a PlanDto once transformed. */
export function PlanField(required: boolean): PropertyDecorator {
  return (target, property) => {
    ApiProperty({ required, oneOf: [{ type: 'string', minLength: 1, maxLength: 64, description: 'Plan id (short form)' }, { $ref: getSchemaPath(PlanDto) }] })(target, property);
    Type(() => PlanDto)(target, property);
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? plainToInstance(PlanDto, { id: value }) : value))(target, property);
    NotAnArray()(target, property);
    ValidateNested()(target, property);
  };
}

export function ConfigurationField(): PropertyDecorator {
  return (target, property) => {
    ApiPropertyOptional({ type: ConfigurationDto })(target, property);
    Type(() => ConfigurationDto)(target, property);
    ValidateNested()(target, property);
  };
}

export function ResourcesField(): PropertyDecorator {
  return (target, property) => {
    ApiPropertyOptional({ type: ResourcesDto })(target, property);
    Type(() => ResourcesDto)(target, property);
    ValidateNested()(target, property);
  };
}

export function NameField(required: boolean): PropertyDecorator {
  return (target, property) => {
    ApiProperty({
      required,
      example: 'Acme Inc.',
      minLength: NAME_LENGTH.min,
      maxLength: NAME_LENGTH.max,
      description: 'Stored NFC-normalised and trimmed; needs a visible character; no control or bidirectional override/isolate characters',
    })(target, property);
    // Normalised and trimmed before the rules run, so "   " is empty and decomposed accents count once.
    Transform(({ value }: { value: unknown }) => normaliseName(value))(target, property);
    IsString()(target, property);
    Length(NAME_LENGTH.min, NAME_LENGTH.max)(target, property);
    IsDisplayName()(target, property);
  };
}

export function EmailField(): PropertyDecorator {
  return (target, property) => {
    ApiProperty({ example: 'ops@acme.example', format: 'email', maxLength: 254 })(target, property);
    IsString()(target, property);
    MaxLength(254)(target, property);
    IsEmail()(target, property);
  };
}
