/**
 * The plans every installation starts with, named like the registry's plans (free, starter, growth,
 * enterprise) so a tenant created today finds its plan here. Prices are in the tenant's currency.
 */
import { UsageCharge } from './charge-models';

export interface DefaultPlan {
  id: string;
  name: string;
  basePrice: string;
  trialDays: number | null;
  charges: UsageCharge[];
}

const GB = '1000000000';

export const DEFAULT_PLANS: readonly DefaultPlan[] = [
  { id: 'free', name: 'Free', basePrice: '0', trialDays: null, charges: [] },
  {
    id: 'starter',
    name: 'Starter',
    basePrice: '29',
    trialDays: 14,
    charges: [{ metric: 'api_calls', model: 'standard', includedQuantity: '100000', unitPrice: '0.0005' }],
  },
  {
    id: 'growth',
    name: 'Growth',
    basePrice: '99',
    trialDays: null,
    charges: [
      { metric: 'api_calls', model: 'graduated', includedQuantity: '1000000', tiers: [{ upTo: '10000000', unitPrice: '0.0004' }, { upTo: null, unitPrice: '0.0002' }] },
      { metric: 'active_users', model: 'package', includedQuantity: '250', packageSize: '50', packagePrice: '10' },
    ],
  },
  {
    id: 'enterprise',
    name: 'Enterprise',
    basePrice: '999',
    trialDays: null,
    charges: [
      {
        metric: 'api_calls',
        model: 'volume',
        includedQuantity: '10000000',
        tiers: [{ upTo: '100000000', unitPrice: '0.0002' }, { upTo: null, unitPrice: '0.0001', flatFee: '500' }],
      },
      { metric: 'bandwidth_bytes', model: 'package', includedQuantity: '10000000000000' /* 10,000 GB */, packageSize: GB, packagePrice: '0.05' },
    ],
  },
];
