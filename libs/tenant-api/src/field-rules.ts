/** Field rules of tenant requests: IANA time zones, ISO 4217, BCP 47, and optional fields that are absent rather than null. */
import { ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';

// Intl lists canonical zones only; UTC is an alias it leaves out but every client sends.
const TIME_ZONES = new Set<string>([...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC']);
const CURRENCIES = new Set<string>(Intl.supportedValuesOf('currency'));

export function isTimeZone(value: unknown): boolean {
  return typeof value === 'string' && TIME_ZONES.has(value);
}

export function isCurrency(value: unknown): boolean {
  return typeof value === 'string' && CURRENCIES.has(value);
}

export function isLanguageTag(value: unknown): boolean {
  if (typeof value !== 'string' || value.length === 0 || value.length > 35) return false;
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

function rule(name: string, test: (value: unknown) => boolean, message: string) {
  return (options?: ValidationOptions): PropertyDecorator => ValidateBy({ name, validator: { validate: test, defaultMessage: () => message } }, options);
}

export const IsTimeZone = rule('isTimeZone', isTimeZone, '$property must be an IANA time zone such as Europe/Paris');
export const IsCurrencyCode = rule('isCurrencyCode', isCurrency, '$property must be an ISO 4217 currency code such as EUR');
export const IsLanguageTag = rule('isLanguageTag', isLanguageTag, '$property must be a BCP 47 language tag such as en-GB');

/** Optional, but `null` is still a wrong type (class-validator's IsOptional would let it through). */
export function Optional(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
