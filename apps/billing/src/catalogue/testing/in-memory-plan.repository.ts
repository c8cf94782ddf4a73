/** PlanRepository in memory, for unit specs: versions are kept, never edited. */
import { Transaction } from '@tenantry/persistence';
import { PlanRepository } from '../plan.repository';
import { Plan, PlanVersion } from '../plan.row';

export class InMemoryPlanRepository extends PlanRepository {
  private readonly versions = new Map<string, PlanVersion[]>();

  constructor(plans: PlanVersion[] = []) {
    super();
    for (const plan of plans) this.versions.set(plan.planId, [...(this.versions.get(plan.planId) ?? []), plan]);
  }

  private plan(id: string): Plan | undefined {
    const all = this.versions.get(id);
    const current = all?.[all.length - 1];
    return current && { id, currentVersion: current.version, current };
  }

  list(): Promise<Plan[]> {
    return Promise.resolve([...this.versions.keys()].flatMap((id) => this.plan(id) ?? []));
  }

  find(planId: string): Promise<Plan | undefined> {
    return Promise.resolve(this.plan(planId));
  }

  version(planId: string, version: number): Promise<PlanVersion | undefined> {
    return Promise.resolve(this.versions.get(planId)?.find((v) => v.version === version));
  }

  create(_tx: Transaction, first: PlanVersion): Promise<boolean> {
    if (this.versions.has(first.planId)) return Promise.resolve(false);
    this.versions.set(first.planId, [first]);
    return Promise.resolve(true);
  }

  lockCurrentVersion(_tx: Transaction, planId: string): Promise<number | undefined> {
    return Promise.resolve(this.plan(planId)?.currentVersion);
  }

  addVersion(_tx: Transaction, next: PlanVersion): Promise<void> {
    this.versions.get(next.planId)?.push(next);
    return Promise.resolve();
  }
}
