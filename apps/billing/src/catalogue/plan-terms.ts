/** What a plan version says, as a POST or PUT gives it: checked beyond the DTO's field rules. */
import { invalidFields } from '@tenantry/service';
import { chargeProblems, UsageCharge } from './charge-models';

export interface PlanTerms {
  name: string;
  basePrice: string;
  trialDays: number | null;
  charges: UsageCharge[];
}

/** 400 naming the field when a charge cannot be priced or a metric is charged twice. */
export function assertPriceable(terms: PlanTerms): void {
  const problems = terms.charges.flatMap((charge, i) => chargeProblems(charge, `charges.${i}`));
  const seen = new Set<string>();
  terms.charges.forEach((charge, i) => {
    if (seen.has(charge.metric)) problems.push({ field: `charges.${i}.metric`, message: `${charge.metric} is charged twice` });
    seen.add(charge.metric);
  });
  if (problems.length > 0) throw invalidFields(problems);
}

/** The charge as stored: only the fields its model uses. */
export function normalizeCharge(charge: UsageCharge): UsageCharge {
  const common = { metric: charge.metric, model: charge.model, ...(charge.includedQuantity ? { includedQuantity: charge.includedQuantity } : {}), ...(charge.flatFee ? { flatFee: charge.flatFee } : {}) };
  switch (charge.model) {
    case 'standard':
      return { ...common, unitPrice: charge.unitPrice };
    case 'package':
      return { ...common, packageSize: charge.packageSize, packagePrice: charge.packagePrice };
    case 'graduated':
    case 'volume':
      return { ...common, tiers: (charge.tiers ?? []).map((t) => ({ upTo: t.upTo, unitPrice: t.unitPrice, ...(t.flatFee ? { flatFee: t.flatFee } : {}) })) };
  }
}
