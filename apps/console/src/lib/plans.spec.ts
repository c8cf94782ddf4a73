import { describeCharge, formatPrice } from './plans';

describe('plan charges in words', () => {
  it('keeps unit prices exact, without trailing zeros', () => {
    expect(formatPrice('0.000500')).toBe('0.0005');
    expect(formatPrice('29.00')).toBe('29');
    expect(formatPrice('12.50')).toBe('12.5');
    expect(formatPrice(undefined)).toBe('—');
  });

  it('describes each charge model', () => {
    expect(describeCharge({ metric: 'api_calls', model: 'standard', unitPrice: '0.0005', includedQuantity: '100000' })).toBe('0.0005 per unit above 100,000 included');
    expect(describeCharge({ metric: 'storage_bytes', model: 'standard', unitPrice: '0.0000000001', includedQuantity: '5000000000', flatFee: '2.00' })).toBe('0.0000000001 per unit above 5 GB included, plus 2 a period with usage');
    expect(describeCharge({ metric: 'api_calls', model: 'package', packageSize: '1000', packagePrice: '5.00' })).toBe('5 per 1,000 units (a started block counts)');
    expect(describeCharge({ metric: 'api_calls', model: 'graduated', tiers: [{ upTo: '1000', unitPrice: '0.01' }, { upTo: null, unitPrice: '0.005', flatFee: '1' }] })).toBe('up to 1,000 at 0.01, above 1,000 at 0.005 + 1 (each tier priced on its own)');
    expect(describeCharge({ metric: 'api_calls', model: 'volume', tiers: [{ upTo: null, unitPrice: '0.002' }] })).toBe('every unit at 0.002 (every unit at the tier the total reaches)');
  });
});
