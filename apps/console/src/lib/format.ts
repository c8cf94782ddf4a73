/** Formatting of quantities, bytes and money for people: pure, unit-tested. */

/** A decimal string or number as the API sends it (exact decimals come as strings). */
export type Decimal = string | number;

const GROUPED = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/** 1234567 → "1,234,567"; "12.3456" → "12.35"; non-numbers as they are. */
export function formatQuantity(value: Decimal | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return String(value);
  return GROUPED.format(n);
}

const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

/** Decimal (SI) bytes, as the limits count them: 1500000000 → "1.5 GB". */
export function formatBytes(value: Decimal | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  let n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return String(value);
  let unit = 0;
  while (Math.abs(n) >= 1000 && unit < BYTE_UNITS.length - 1) {
    n /= 1000;
    unit += 1;
  }
  return `${new Intl.NumberFormat('en-GB', { maximumFractionDigits: unit === 0 ? 0 : 2 }).format(n)} ${BYTE_UNITS[unit]}`;
}

/** A metric's value in its own unit: bytes for *_bytes metrics, a count otherwise. */
export function formatMetric(metric: string, value: Decimal | null | undefined): string {
  return metric.endsWith('_bytes') ? formatBytes(value) : formatQuantity(value);
}

/**
 * Money in minor units (cents) or as a decimal string of major units, in its currency:
 * formatMoney({ amountMinor: 123456, currency: 'EUR' }) → "€1,234.56". Integer arithmetic on the
 * minor units: no binary floating point in between.
 */
export function formatMoney(amount: { amountMinor?: number | string | null; amount?: string | number | null; currency: string }, locale = 'en-GB'): string {
  const currency = amount.currency.toUpperCase();
  const digits = new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  let major: string;
  if (amount.amountMinor !== undefined && amount.amountMinor !== null) {
    const minor = BigInt(String(amount.amountMinor));
    const negative = minor < 0n;
    const abs = negative ? -minor : minor;
    const scale = 10n ** BigInt(digits);
    const whole = abs / scale;
    const fraction = (abs % scale).toString().padStart(digits, '0');
    major = `${negative ? '-' : ''}${whole}${digits > 0 ? `.${fraction}` : ''}`;
  } else if (amount.amount !== undefined && amount.amount !== null) {
    major = String(amount.amount);
  } else {
    return '—';
  }
  // Intl accepts a decimal string exactly (no float rounding for amounts below 2^53 minor units is needed).
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(major as unknown as number);
}

/** An ISO date-time as "30 Nov 2026, 20:47 UTC"; null as a dash. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', hour12: false }).format(date)} UTC`;
}
