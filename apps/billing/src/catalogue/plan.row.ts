/** A plan and its versions as the catalogue stores them; a version never changes once written. */
import { UsageCharge } from './charge-models';

export interface PlanVersion {
  planId: string;
  version: number;
  name: string;
  /** Price of a whole period (a UTC calendar month), a decimal string. */
  basePrice: string;
  /** Trial length a new subscription gets, or null for none. */
  trialDays: number | null;
  charges: UsageCharge[];
  createdAt: Date;
}

export interface Plan {
  id: string;
  /** The version new subscriptions (and plan changes) get. */
  currentVersion: number;
  current: PlanVersion;
}
