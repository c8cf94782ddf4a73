/** The day partitions of the usage_event dedup table: created ahead, created on demand, dropped when old. */
import { Transaction } from '@tenantry/persistence';

export abstract class UsagePartitionsRepository {
  /** Days (YYYY-MM-DD) that have a partition. */
  abstract existingDays(): Promise<string[]>;
  /** Creates the missing partitions, inside `tx` when given; cheap when they all exist. Returns the days created. */
  abstract ensure(days: readonly string[], tx?: Transaction): Promise<string[]>;
  /** Drops the partitions of days before `day`; returns the days dropped. */
  abstract dropBefore(day: string): Promise<string[]>;
}
