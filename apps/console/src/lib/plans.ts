/** Plans and their usage charges, in words for the plans page. Pure, unit-tested. */
import { formatMetric, formatQuantity } from './format';

export interface ChargeTier {
  upTo: string | null;
  unitPrice: string;
  flatFee?: string;
}
export interface UsageCharge {
  metric: string;
  model: 'standard' | 'graduated' | 'volume' | 'package';
  includedQuantity?: string;
  flatFee?: string;
  unitPrice?: string;
  tiers?: ChargeTier[];
  packageSize?: string;
  packagePrice?: string;
}
export interface Plan {
  id: string;
  version: number;
  name: string;
  basePrice: string;
  trialDays: number | null;
  charges: UsageCharge[];
  createdAt: string;
}

/** A price per unit: unit prices can have more decimals than the currency (0.0005), so no currency rounding. */
export function formatPrice(price: string | undefined): string {
  if (price === undefined || price === '') return '—';
  const n = Number(price);
  return Number.isFinite(n) ? price.replace(/(\.\d*?[1-9])0+$|\.0+$/, '$1') : price;
}

/**
 * What a usage charge costs, in one sentence: "standard: 0.0005 per unit above 100,000 included";
 * "graduated: up to 1,000 at 0.01, above at 0.005"; "package: 5 per 1,000 units".
 */
export function describeCharge(charge: UsageCharge): string {
  const included = charge.includedQuantity && Number(charge.includedQuantity) > 0 ? ` above ${formatMetric(charge.metric, charge.includedQuantity)} included` : '';
  const fee = charge.flatFee && Number(charge.flatFee) > 0 ? `, plus ${formatPrice(charge.flatFee)} a period with usage` : '';
  switch (charge.model) {
    case 'standard':
      return `${formatPrice(charge.unitPrice)} per unit${included}${fee}`;
    case 'package':
      return `${formatPrice(charge.packagePrice)} per ${formatQuantity(charge.packageSize)} units (a started block counts)${included}${fee}`;
    case 'graduated':
    case 'volume': {
      const tiers = (charge.tiers ?? []).map((tier, i, all) => {
        const bound = tier.upTo === null ? (i === 0 ? 'every unit' : `above ${formatQuantity(all[i - 1]?.upTo ?? '0')}`) : `up to ${formatQuantity(tier.upTo)}`;
        const tierFee = tier.flatFee && Number(tier.flatFee) > 0 ? ` + ${formatPrice(tier.flatFee)}` : '';
        return `${bound} at ${formatPrice(tier.unitPrice)}${tierFee}`;
      });
      const how = charge.model === 'graduated' ? 'each tier priced on its own' : 'every unit at the tier the total reaches';
      return `${tiers.join(', ')} (${how})${included}${fee}`;
    }
  }
}
