import { Decimal, formatMoney, minorDigits, plainDecimal, roundMoney, toMinorUnits } from './money';

describe('money', () => {
  it('rounds half to even at the minor unit (banker\'s rounding), per currency', () => {
    expect(roundMoney('2.345', 'USD').toFixed()).toBe('2.34');
    expect(roundMoney('2.355', 'USD').toFixed()).toBe('2.36');
    expect(roundMoney('2.3451', 'USD').toFixed()).toBe('2.35');
    expect(roundMoney('-2.345', 'USD').toFixed()).toBe('-2.34');
    expect(roundMoney('0.005', 'EUR').toFixed()).toBe('0');
    expect(roundMoney('0.015', 'EUR').toFixed()).toBe('0.02');
    expect(roundMoney('1234.5', 'JPY').toFixed()).toBe('1234');
    expect(roundMoney('1235.5', 'JPY').toFixed()).toBe('1236');
    expect(roundMoney('1.0005', 'KWD').toFixed()).toBe('1');
    expect(roundMoney('1.0015', 'KWD').toFixed()).toBe('1.002');
  });

  it('is exact where a float is not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(new Decimal('0.1').plus('0.2').toFixed()).toBe('0.3');
    // 1,000,001 calls at 0.0005 = 500.0005 exactly, which rounds to 500.00
    expect(formatMoney(new Decimal('1000001').times('0.0005'), 'USD')).toBe('500.00');
  });

  it('formats to the minor digits and converts to minor units', () => {
    expect(minorDigits('usd')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(formatMoney('12.5', 'USD')).toBe('12.50');
    expect(formatMoney('-0.001', 'USD')).toBe('0.00');
    expect(formatMoney('1200', 'JPY')).toBe('1200');
    expect(toMinorUnits('29.99', 'USD')).toBe(2999);
    expect(toMinorUnits('1200', 'JPY')).toBe(1200);
    expect(plainDecimal('12.500000')).toBe('12.5');
    expect(plainDecimal('0.000000')).toBe('0');
  });
});
