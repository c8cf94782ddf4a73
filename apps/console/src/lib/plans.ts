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

export const CHARGE_MODELS = ['standard', 'graduated', 'volume', 'package'] as const;
export type ChargeModel = (typeof CHARGE_MODELS)[number];

/** A form's state of a plan: every value the text a person typed, turned into the API's body by `planBody`. */
export interface TierDraft {
  upTo: string;
  unitPrice: string;
  flatFee: string;
}
export interface ChargeDraft {
  metric: string;
  model: ChargeModel;
  includedQuantity: string;
  flatFee: string;
  unitPrice: string;
  tiers: TierDraft[];
  packageSize: string;
  packagePrice: string;
}
export interface PlanDraft {
  id: string;
  name: string;
  basePrice: string;
  trialDays: string;
  charges: ChargeDraft[];
}

export const emptyTier = (): TierDraft => ({ upTo: '', unitPrice: '', flatFee: '' });
export const emptyCharge = (): ChargeDraft => ({ metric: 'api_calls', model: 'standard', includedQuantity: '', flatFee: '', unitPrice: '', tiers: [emptyTier()], packageSize: '', packagePrice: '' });
export const emptyPlan = (): PlanDraft => ({ id: '', name: '', basePrice: '', trialDays: '', charges: [] });

/** A plan as the form's starting point for its next version. */
export function draftFromPlan(plan: Plan): PlanDraft {
  return {
    id: plan.id,
    name: plan.name,
    basePrice: formatPrice(plan.basePrice) === '—' ? '' : formatPrice(plan.basePrice),
    trialDays: plan.trialDays ? String(plan.trialDays) : '',
    charges: plan.charges.map((c) => ({
      metric: c.metric,
      model: c.model,
      includedQuantity: c.includedQuantity ?? '',
      flatFee: c.flatFee ?? '',
      unitPrice: c.unitPrice ?? '',
      tiers: c.tiers && c.tiers.length > 0 ? c.tiers.map((t) => ({ upTo: t.upTo ?? '', unitPrice: t.unitPrice, flatFee: t.flatFee ?? '' })) : [emptyTier()],
      packageSize: c.packageSize ?? '',
      packagePrice: c.packagePrice ?? '',
    })),
  };
}

/**
 * The body of POST /plans (with the id) or PUT /plans/{id} (without): empty optional fields left
 * out, an empty tier bound is the unbounded tier (null), only the fields of the charge's model sent.
 * Nothing is checked here beyond that: the API's refusal names each bad field, and the form shows it there.
 */
export function planBody(draft: PlanDraft, withId: boolean): Record<string, unknown> {
  const trial = draft.trialDays.trim();
  const optional = (name: string, value: string) => (value.trim() ? { [name]: value.trim() } : {});
  return {
    ...(withId ? { id: draft.id.trim() } : {}),
    name: draft.name.trim(),
    basePrice: draft.basePrice.trim(),
    // A whole number goes as a number; anything else as typed, for the API to name it.
    trialDays: trial === '' ? null : /^\d+$/.test(trial) ? Number(trial) : trial,
    charges: draft.charges.map((c) => ({
      metric: c.metric.trim(),
      model: c.model,
      ...optional('includedQuantity', c.includedQuantity),
      ...optional('flatFee', c.flatFee),
      ...(c.model === 'standard' ? optional('unitPrice', c.unitPrice) : {}),
      ...(c.model === 'graduated' || c.model === 'volume' ? { tiers: c.tiers.map((t) => ({ upTo: t.upTo.trim() === '' ? null : t.upTo.trim(), unitPrice: t.unitPrice.trim(), ...optional('flatFee', t.flatFee) })) } : {}),
      ...(c.model === 'package' ? { ...optional('packageSize', c.packageSize), ...optional('packagePrice', c.packagePrice) } : {}),
    })),
  };
}

/** Every field of the form by the API's name for it (`charges.0.tiers.1.upTo`), so a refusal lands at its input. */
export function planFormFields(draft: PlanDraft): string[] {
  const fields = ['id', 'name', 'basePrice', 'trialDays', 'charges'];
  draft.charges.forEach((c, i) => {
    const at = `charges.${i}`;
    fields.push(at, ...['metric', 'model', 'includedQuantity', 'flatFee', 'unitPrice', 'tiers', 'packageSize', 'packagePrice'].map((f) => `${at}.${f}`));
    c.tiers.forEach((_, j) => fields.push(...['upTo', 'unitPrice', 'flatFee'].map((f) => `${at}.tiers.${j}.${f}`)));
  });
  return fields;
}
