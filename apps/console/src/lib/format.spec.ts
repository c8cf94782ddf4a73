import { formatBytes, formatDateTime, formatMetric, formatMoney, formatQuantity } from './format';

describe('formatting', () => {
  it('groups quantities and keeps at most two decimals', () => {
    expect(formatQuantity(1234567)).toBe('1,234,567');
    expect(formatQuantity('12.3456')).toBe('12.35');
    expect(formatQuantity(null)).toBe('—');
    expect(formatQuantity('abc')).toBe('abc');
  });

  it('shows bytes in SI units, as limits count them', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes('1500000000')).toBe('1.5 GB');
    expect(formatBytes(2_000_000_000_000)).toBe('2 TB');
    expect(formatMetric('storage_bytes', 1e9)).toBe('1 GB');
    expect(formatMetric('api_calls', 1e9)).toBe('1,000,000,000');
  });

  it('formats money from minor units exactly, in its currency', () => {
    expect(formatMoney({ amountMinor: 123456, currency: 'EUR' })).toBe('€1,234.56');
    expect(formatMoney({ amountMinor: -5, currency: 'usd' })).toBe('-US$0.05');
    expect(formatMoney({ amountMinor: 1500, currency: 'JPY' })).toBe('JP¥1,500');
    expect(formatMoney({ amountMinor: '900719925474099312', currency: 'EUR' })).toBe('€9,007,199,254,740,993.12');
    expect(formatMoney({ amount: '19.90', currency: 'GBP' })).toBe('£19.90');
    expect(formatMoney({ currency: 'EUR' })).toBe('—');
  });

  it('shows date-times in UTC', () => {
    expect(formatDateTime('2026-11-30T20:47:00Z')).toBe('30 Nov 2026, 20:47 UTC');
    expect(formatDateTime(null)).toBe('—');
  });
});
