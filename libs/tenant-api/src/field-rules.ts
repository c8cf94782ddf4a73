/** Field rules of tenant requests: IANA time zones, ISO 4217, BCP 47, and optional fields that are absent rather than null. */
import { ValidateBy, ValidateIf, ValidationArguments, ValidationOptions } from 'class-validator';

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

// Bidi embeddings/overrides (U+202A–U+202E) and isolates (U+2066–U+2069) reorder what follows them on screen.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
// C0/C1 controls (NUL, tab, newline, escape…) have no place in a display name.
const CONTROL = /\p{Cc}/u;
// A letter, digit, punctuation mark or symbol: something a reader sees (not spaces, format or combining marks alone).
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

/** A display name as stored: NFC-normalised, surrounding white space trimmed; anything else as given. */
export function normaliseName(value: unknown): unknown {
  return typeof value === 'string' ? value.normalize('NFC').trim() : value;
}

/** Why a (normalised) display name would mislead a reader, if it would. */
export function misleadingNameReason(value: string): string | undefined {
  if (BIDI_CONTROL.test(value)) return 'must not contain bidirectional override or isolate characters (U+202A–U+202E, U+2066–U+2069)';
  if (CONTROL.test(value)) return 'must not contain control characters';
  if (!VISIBLE.test(value)) return 'must contain a visible character (a letter, digit, punctuation mark or symbol)';
  return undefined;
}

/** A display name a reader sees as it is: no bidi controls or control characters, at least one visible character. */
export function IsDisplayName(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDisplayName',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || misleadingNameReason(value) === undefined,
        defaultMessage: (args?: ValidationArguments) => `$property ${(typeof args?.value === 'string' && misleadingNameReason(args.value)) || 'is not a display name'}`,
      },
    },
    options,
  );
}

/** Optional, but `null` is still a wrong type (class-validator's IsOptional would let it through). */
export function Optional(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
