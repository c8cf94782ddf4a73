/** The plan catalogue: plans and their immutable versions. */
import { Transaction } from '@tenantry/persistence';
import { Plan, PlanVersion } from './plan.row';

export abstract class PlanRepository {
  abstract list(): Promise<Plan[]>;
  abstract find(planId: string, tx?: Transaction): Promise<Plan | undefined>;
  abstract version(planId: string, version: number, tx?: Transaction): Promise<PlanVersion | undefined>;
  /** Inserts a plan with its version 1; false when the id is taken. */
  abstract create(tx: Transaction, first: PlanVersion): Promise<boolean>;
  /** Locks the plan row and returns its current version number, for the next. */
  abstract lockCurrentVersion(tx: Transaction, planId: string): Promise<number | undefined>;
  /** Adds `next` (version = current + 1) and makes it current. */
  abstract addVersion(tx: Transaction, next: PlanVersion): Promise<void>;
}
