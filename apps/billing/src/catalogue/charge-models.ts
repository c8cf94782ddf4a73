/**
 * The usage charge models, as pure functions of a quantity (already net of the plan's included
 * quantity). Amounts are exact (not yet rounded): the invoice rounds each line once.
 *
 * - standard: every unit at `unitPrice`.
 * - graduated: tiers each priced on their own — units 1..upTo₁ at the first tier's price, the next
 *   ones up to upTo₂ at the second's, and so on; a tier's `flatFee` is added once the quantity
 *   enters that tier.
 * - volume: the tier the whole quantity falls in prices all units (plus that tier's `flatFee`).
 * - package: per block of `packageSize` units, rounded up, at `packagePrice`.
 * Tier `upTo` is inclusive; the last tier has `upTo: null` (unbounded). A charge's own `flatFee` is
 * added when the quantity is above zero.
 */
import { Decimal, decimal } from '../money/money';

export const CHARGE_MODELS = ['standard', 'graduated', 'volume', 'package'] as const;
export type ChargeModel = (typeof CHARGE_MODELS)[number];

export interface Tier {
  /** Inclusive upper bound of the tier (a decimal string), null for the last tier. */
  upTo: string | null;
  unitPrice: string;
  flatFee?: string;
}

export interface UsageCharge {
  metric: string;
  model: ChargeModel;
  /** Units of the period that are free (part of the base price). */
  includedQuantity?: string;
  /** Added once a period when the billable quantity is above zero. */
  flatFee?: string;
  /** standard */
  unitPrice?: string;
  /** graduated, volume */
  tiers?: Tier[];
  /** package */
  packageSize?: string;
  packagePrice?: string;
}

export interface ChargeResult {
  /** The quantity after the included units. */
  billable: Decimal;
  amount: Decimal;
}

/** What a charge costs for `used` units of its metric over a period (unrounded). */
export function priceCharge(charge: UsageCharge, used: Decimal | string): ChargeResult {
  const billable = Decimal.max(0, decimal(used).minus(charge.includedQuantity ?? 0));
  if (billable.isZero()) return { billable, amount: decimal(0) };
  const amount = modelAmount(charge, billable).plus(charge.flatFee ?? 0);
  return { billable, amount };
}

export function modelAmount(charge: UsageCharge, quantity: Decimal): Decimal {
  switch (charge.model) {
    case 'standard':
      return quantity.times(required(charge.unitPrice, 'unitPrice'));
    case 'graduated':
      return graduated(requiredTiers(charge), quantity);
    case 'volume':
      return volume(requiredTiers(charge), quantity);
    case 'package':
      return quantity.dividedBy(required(charge.packageSize, 'packageSize')).ceil().times(required(charge.packagePrice, 'packagePrice'));
  }
}

export function graduated(tiers: readonly Tier[], quantity: Decimal): Decimal {
  let amount = decimal(0);
  let lower = decimal(0);
  for (const tier of tiers) {
    if (quantity.lte(lower)) break;
    const upper = tier.upTo === null ? quantity : Decimal.min(quantity, tier.upTo);
    amount = amount.plus(upper.minus(lower).times(tier.unitPrice)).plus(tier.flatFee ?? 0);
    if (tier.upTo === null) break;
    lower = decimal(tier.upTo);
  }
  return amount;
}

export function volume(tiers: readonly Tier[], quantity: Decimal): Decimal {
  if (quantity.isZero()) return decimal(0);
  const tier = tiers.find((t) => t.upTo === null || quantity.lte(t.upTo)) ?? tiers[tiers.length - 1];
  if (!tier) return decimal(0);
  return quantity.times(tier.unitPrice).plus(tier.flatFee ?? 0);
}

/** The problems of a charge's shape, as `field: message` (empty when it can be priced). */
export function chargeProblems(charge: UsageCharge, path: string): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const need = (value: string | undefined, field: string, positive = false) => {
    if (value === undefined) problems.push({ field: `${path}.${field}`, message: `${field} is required for the ${charge.model} model` });
    else if (positive && decimal(value).lte(0)) problems.push({ field: `${path}.${field}`, message: `${field} must be greater than 0` });
  };
  if (charge.model === 'standard') need(charge.unitPrice, 'unitPrice');
  if (charge.model === 'package') {
    need(charge.packageSize, 'packageSize', true);
    need(charge.packagePrice, 'packagePrice');
  }
  if (charge.model === 'graduated' || charge.model === 'volume') {
    const tiers = charge.tiers ?? [];
    if (tiers.length === 0) problems.push({ field: `${path}.tiers`, message: `tiers are required for the ${charge.model} model` });
    let previous = decimal(0);
    tiers.forEach((tier, i) => {
      const last = i === tiers.length - 1;
      if (last && tier.upTo !== null) problems.push({ field: `${path}.tiers.${i}.upTo`, message: 'the last tier must have upTo null (unbounded)' });
      if (!last && tier.upTo === null) problems.push({ field: `${path}.tiers.${i}.upTo`, message: 'only the last tier may be unbounded' });
      if (tier.upTo !== null) {
        if (decimal(tier.upTo).lte(previous)) problems.push({ field: `${path}.tiers.${i}.upTo`, message: 'tier bounds must increase' });
        else previous = decimal(tier.upTo);
      }
    });
  }
  return problems;
}

function required(value: string | undefined, field: string): string {
  if (value === undefined) throw new Error(`charge is missing ${field}`);
  return value;
}

function requiredTiers(charge: UsageCharge): readonly Tier[] {
  if (!charge.tiers || charge.tiers.length === 0) throw new Error(`a ${charge.model} charge needs tiers`);
  return charge.tiers;
}
