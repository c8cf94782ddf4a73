import { chargeProblems, priceCharge, Tier, UsageCharge } from './charge-models';

const TIERS: Tier[] = [
  { upTo: '100', unitPrice: '1.00' },
  { upTo: '1000', unitPrice: '0.50', flatFee: '10' },
  { upTo: null, unitPrice: '0.25', flatFee: '20' },
];
const amount = (charge: UsageCharge, used: string) => priceCharge(charge, used).amount.toFixed();

describe('charge models (hand-computed)', () => {
  it('standard: every unit at the unit price, after the included quantity, with decimals', () => {
    const charge: UsageCharge = { metric: 'api_calls', model: 'standard', unitPrice: '0.0005', includedQuantity: '1000' };
    expect(amount(charge, '0')).toBe('0');
    expect(amount(charge, '1000')).toBe('0');
    expect(amount(charge, '1001')).toBe('0.0005');
    expect(amount(charge, '12345.5')).toBe('5.67275'); // 11345.5 × 0.0005
    expect(priceCharge(charge, '12345.5').billable.toFixed()).toBe('11345.5');
  });

  it('graduated: each tier priced on its own, a tier flat fee once the tier is entered', () => {
    const charge: UsageCharge = { metric: 'api_calls', model: 'graduated', tiers: TIERS };
    expect(amount(charge, '0')).toBe('0');
    expect(amount(charge, '1')).toBe('1');
    expect(amount(charge, '100')).toBe('100'); // boundary: still only the first tier
    expect(amount(charge, '101')).toBe('110.5'); // 100 × 1 + 1 × 0.5 + 10
    expect(amount(charge, '1000')).toBe('560'); // 100 + 900 × 0.5 + 10
    expect(amount(charge, '1000.5')).toBe('580.125'); // 560 + 0.5 × 0.25 + 20
    expect(amount(charge, '2000')).toBe('830'); // 560 + 1000 × 0.25 + 20
  });

  it('volume: the tier reached prices all units', () => {
    const charge: UsageCharge = { metric: 'active_users', model: 'volume', tiers: TIERS };
    expect(amount(charge, '0')).toBe('0');
    expect(amount(charge, '100')).toBe('100'); // boundary: first tier
    expect(amount(charge, '101')).toBe('60.5'); // 101 × 0.5 + 10
    expect(amount(charge, '1000')).toBe('510');
    expect(amount(charge, '1001')).toBe('270.25'); // 1001 × 0.25 + 20
  });

  it('package: per block of N rounded up, plus the charge flat fee when used', () => {
    const charge: UsageCharge = { metric: 'bandwidth_bytes', model: 'package', packageSize: '1000000000', packagePrice: '0.09', includedQuantity: '10000000000', flatFee: '1.5' };
    expect(amount(charge, '10000000000')).toBe('0');
    expect(amount(charge, '10000000001')).toBe('1.59'); // 1 block + 1.5
    expect(amount(charge, '11000000000')).toBe('1.59'); // exactly one block
    expect(amount(charge, '11000000000.5')).toBe('1.68'); // two blocks
  });

  it('names the fields of a charge that cannot be priced', () => {
    expect(chargeProblems({ metric: 'x', model: 'standard' }, 'charges.0')).toEqual([{ field: 'charges.0.unitPrice', message: 'unitPrice is required for the standard model' }]);
    expect(chargeProblems({ metric: 'x', model: 'volume', tiers: [{ upTo: '10', unitPrice: '1' }, { upTo: '5', unitPrice: '1' }] }, 'c').map((p) => p.field)).toEqual(['c.tiers.1.upTo', 'c.tiers.1.upTo']);
    expect(chargeProblems({ metric: 'x', model: 'package', packageSize: '0', packagePrice: '1' }, 'c')).toEqual([{ field: 'c.packageSize', message: 'packageSize must be greater than 0' }]);
    expect(chargeProblems({ metric: 'x', model: 'graduated', tiers: TIERS }, 'c')).toEqual([]);
  });
});
