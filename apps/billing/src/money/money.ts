/**
 * Money in billing: exact decimals (decimal.js here, Postgres numeric in the database), never a
 * JavaScript float. One rule for every amount that leaves a computation: each invoice line is
 * rounded on its own to the currency's minor unit, half-even (banker's rounding), and totals are
 * sums of rounded lines. Tax is the rounded subtotal times the rate, rounded the same way.
 */
import { Decimal as BaseDecimal } from 'decimal.js';

/** 40 significant digits: far beyond numeric(20,6) amounts times any price or rate we store. */
export const Decimal = BaseDecimal.clone({ precision: 40, rounding: BaseDecimal.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });
export type Decimal = BaseDecimal;

/** Digits after the decimal point of a currency's minor unit (ISO 4217); 2 unless listed. */
const MINOR_DIGITS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
};

export const DEFAULT_CURRENCY = 'USD';

export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency.toUpperCase()] ?? 2;
}

export function decimal(value: string | number | Decimal): Decimal {
  return new Decimal(value);
}

/** The billing rounding rule: to the currency's minor unit, half-even. */
export function roundMoney(amount: Decimal | string, currency: string): Decimal {
  return new Decimal(amount).toDecimalPlaces(minorDigits(currency), Decimal.ROUND_HALF_EVEN);
}

/** A rounded amount as the API writes it: fixed to the currency's minor digits ("12.50", "-3.00", "1200"). */
export function formatMoney(amount: Decimal | string, currency: string): string {
  const rounded = roundMoney(amount, currency);
  return (rounded.isZero() ? new Decimal(0) : rounded).toFixed(minorDigits(currency));
}

/** A rounded amount in integer minor units (cents), as event payloads carry it. */
export function toMinorUnits(amount: Decimal | string, currency: string): number {
  return roundMoney(amount, currency).times(new Decimal(10).pow(minorDigits(currency))).toNumber();
}

/** A decimal as stored (numeric) and sent without trailing fractional zeros: "0.0005", "12", "3.5". */
export function plainDecimal(value: Decimal | string): string {
  const d = new Decimal(value);
  return (d.isZero() ? new Decimal(0) : d).toFixed();
}
