/** The field rules' own checks: which time zones, currencies and language tags a tenant request accepts. */
import { isCurrency, isLanguageTag, isTimeZone } from './field-rules';

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
});
