import { fieldErrors } from './problem';
import { describeCharge, draftFromPlan, emptyCharge, emptyPlan, emptyTier, formatPrice, Plan, planBody, planFormFields } from './plans';

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

describe('the plan form', () => {
  const plan: Plan = {
    id: 'scale',
    version: 3,
    name: 'Scale',
    basePrice: '199.000000',
    trialDays: 14,
    createdAt: '2027-01-01T00:00:00.000Z',
    charges: [
      { metric: 'api_calls', model: 'graduated', includedQuantity: '1000', tiers: [{ upTo: '5000', unitPrice: '0.01' }, { upTo: null, unitPrice: '0.005', flatFee: '1' }] },
      { metric: 'storage_bytes', model: 'package', packageSize: '1000000000', packagePrice: '0.05' },
    ],
  };

  it('starts the next version from the current one and sends it back unchanged', () => {
    const draft = draftFromPlan(plan);
    expect(draft.basePrice).toBe('199');
    expect(draft.charges[0]?.tiers[1]).toEqual({ upTo: '', unitPrice: '0.005', flatFee: '1' });
    expect(planBody(draft, false)).toEqual({
      name: 'Scale',
      basePrice: '199',
      trialDays: 14,
      charges: [
        { metric: 'api_calls', model: 'graduated', includedQuantity: '1000', tiers: [{ upTo: '5000', unitPrice: '0.01' }, { upTo: null, unitPrice: '0.005', flatFee: '1' }] },
        { metric: 'storage_bytes', model: 'package', packageSize: '1000000000', packagePrice: '0.05' },
      ],
    });
  });

  it("sends only the fields of the charge's model, empty optional ones left out, and what is not a whole number of days as typed", () => {
    const draft = { ...emptyPlan(), id: ' pro ', name: 'Pro', basePrice: '49', trialDays: '1.5', charges: [{ ...emptyCharge(), model: 'standard' as const, unitPrice: '0.0005', packageSize: '10', tiers: [emptyTier()] }] };
    expect(planBody(draft, true)).toEqual({ id: 'pro', name: 'Pro', basePrice: '49', trialDays: '1.5', charges: [{ metric: 'api_calls', model: 'standard', unitPrice: '0.0005' }] });
    expect(planBody({ ...draft, trialDays: '' }, false)['trialDays']).toBeNull();
  });

  it("names every input by the API's field, so a refusal of a tier's bound lands at that input", () => {
    const fields = planFormFields(draftFromPlan(plan));
    expect(fields).toEqual(expect.arrayContaining(['basePrice', 'charges.0.tiers.1.upTo', 'charges.1.packageSize']));
    expect(fieldErrors({ errors: [{ field: 'charges.0.tiers.1.upTo', message: 'tier bounds must increase' }, { field: 'basePrice', message: 'basePrice must be a non-negative decimal string' }] }, fields)).toEqual({
      'charges.0.tiers.1.upTo': 'Tier bounds must increase',
      basePrice: 'Must be a non-negative decimal string',
    });
  });
});
