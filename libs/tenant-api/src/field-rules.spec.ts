/** The field rules' own checks: which time zones, currencies and language tags a tenant request accepts. */
import { isCurrency, isLanguageTag, isTimeZone, misleadingNameReason, normaliseName } from './field-rules';

describe('tenant field rules', () => {
  it('accepts IANA time zones, UTC included, and nothing else', () => {
    expect(['Europe/Paris', 'America/New_York', 'UTC'].every(isTimeZone)).toBe(true);
    expect(['Mars/Base', 'utc+1', '', 5].some(isTimeZone)).toBe(false);
  });

  it('accepts ISO 4217 codes only', () => {
    expect(['EUR', 'USD', 'JPY'].every(isCurrency)).toBe(true);
    expect(['eur', 'EURO', 'XYZ1'].some(isCurrency)).toBe(false);
  });

  it('accepts BCP 47 tags only', () => {
    expect(['en', 'en-GB', 'zh-Hant-TW'].every(isLanguageTag)).toBe(true);
    expect(['english!', '', 'en_GB_'].some(isLanguageTag)).toBe(false);
  });

  it('normalises a display name to NFC and trims it, and leaves anything else alone', () => {
    expect(normaliseName('  Cafe\u0301\t')).toBe('Caf\u00e9');
    expect(normaliseName('\u212B')).toBe('\u00c5');
    expect([normaliseName(5), normaliseName(null), normaliseName(undefined)]).toEqual([5, null, undefined]);
  });

  it('takes a display name with a visible character and no bidi or control characters', () => {
    expect(['Acme', 'Ärzte & Co', '株式会社', '42', '🚀', '-', 'Caf\u00e9 au lait', 'Zero\u200Bwidth inside'].map(misleadingNameReason)).toEqual(Array(8).fill(undefined));
  });

  it.each([
    ['empty', '', 'visible character'],
    ['white space', ' \u00a0\u3000', 'visible character'],
    ['zero-width characters', '\u200B\u200C\u200D\u2060\uFEFF', 'visible character'],
    ['combining marks', '\u0301\u0302\u20DD', 'visible character'],
    ['a right-to-left override', 'invoice\u202Egnp.exe', 'bidirectional'],
    ['an embedding', 'a\u202Ab', 'bidirectional'],
    ['an isolate', 'a\u2066b\u2069', 'bidirectional'],
    ['NUL', 'a\u0000', 'control characters'],
    ['a newline', 'a\nb', 'control characters'],
    ['a C1 control', 'a\u0085b', 'control characters'],
  ])('refuses a name of %s', (_what, name, reason) => {
    expect(misleadingNameReason(name)).toContain(reason);
  });
});
