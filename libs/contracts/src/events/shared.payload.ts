/** Value objects that several event payloads embed. */
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Min } from 'class-validator';

export const DOMAIN_TYPES = ['subdomain', 'custom'] as const;
export type DomainType = (typeof DOMAIN_TYPES)[number];

export class TenantDomain {
  @IsIn(DOMAIN_TYPES)
  type!: DomainType;

  @IsString()
  @Length(1, 253)
  value!: string;

  @IsBoolean()
  ssl!: boolean;
}

export class TenantPlanRef {
  @IsString()
  @Length(1, 64)
  id!: string;

  @IsBoolean()
  trial!: boolean;

  /** Trial length in days, when `trial` is set. */
  @IsOptional()
  @IsInt()
  @Min(1)
  duration?: number;
}

export class TenantConfiguration {
  @IsString()
  theme!: string;

  /** BCP 47 tag, e.g. `en-GB`. */
  @IsString()
  language!: string;

  /** IANA time zone, e.g. `Europe/Paris`. */
  @IsString()
  timezone!: string;

  /** ISO 4217 code, e.g. `EUR`. */
  @IsString()
  @Length(3, 3)
  currency!: string;
}

export class TenantResources {
  /** Storage quota in GB. */
  @IsNumber()
  @Min(0)
  storage!: number;

  /** Bandwidth in GB per month. */
  @IsNumber()
  @Min(0)
  bandwidth!: number;

  @IsInt()
  @Min(0)
  users!: number;
}

export const LIMIT_MODES = ['soft', 'hard'] as const;
export type LimitMode = (typeof LIMIT_MODES)[number];

export class ResourceLimit {
  /** A meter key as metering knows it: a built-in one (`storage_bytes`, `api_calls`) or an operator-defined one (PUT …/limits `meters`). */
  @IsString()
  metric!: string;

  /** Decimal string, kept exact. */
  @IsString()
  limit!: string;

  @IsIn(LIMIT_MODES)
  mode!: LimitMode;
}

/**
 * For a nested object or array: present (ValidateNested alone lets a missing value through)
 * and turned into its class so that its own decorators run.
 */
export function nested<T>(cls: new () => T): PropertyDecorator {
  return (target, property) => {
    IsDefined()(target, property as string);
    Type(() => cls)(target, property as string);
  };
}
