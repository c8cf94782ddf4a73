/** The usage_event day partitions on PostgreSQL: DDL under one advisory lock per schema. */
import { Injectable } from '@nestjs/common';
import { entityManagerOf, Transaction } from '@tenantry/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { UsagePartitionsRepository } from './usage-partitions.repository';

const PARTITION_PREFIX = 'usage_event_p';
/** Serialises partition DDL between consumers and the maintenance job of every instance. */
const PARTITION_LOCK = 'metering.usage_event.partitions';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function partitionName(day: string): string {
  return PARTITION_PREFIX + day.replace(/-/g, '');
}

export function dayOfPartition(name: string): string | undefined {
  const match = /^usage_event_p(\d{4})(\d{2})(\d{2})$/.exec(name);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

@Injectable()
export class PostgresUsagePartitionsRepository extends UsagePartitionsRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async existingDays(manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT c.relname AS name FROM pg_inherits i
         JOIN pg_class c ON c.oid = i.inhrelid
         JOIN pg_class p ON p.oid = i.inhparent
         JOIN pg_namespace n ON n.oid = p.relnamespace
        WHERE p.relname = 'usage_event' AND n.nspname = current_schema()`,
    )) as { name: string }[];
    return rows.flatMap((row) => dayOfPartition(row.name) ?? []).sort();
  }

  /** No lock is taken when every partition exists. */
  async ensure(days: readonly string[], tx?: Transaction): Promise<string[]> {
    const run = async (tx: EntityManager): Promise<string[]> => {
      const existing = new Set(await this.existingDays(tx));
      const missing = [...new Set(days)].filter((day) => DAY.test(day) && !existing.has(day));
      if (missing.length === 0) return [];
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || $1))`, [PARTITION_LOCK]);
      for (const day of missing) {
        await tx.query(`CREATE TABLE IF NOT EXISTS ${partitionName(day)} PARTITION OF usage_event FOR VALUES FROM ('${day}') TO ('${nextDay(day)}')`);
      }
      return missing;
    };
    return tx ? run(entityManagerOf(tx)) : this.dataSource.transaction(run);
  }

  async dropBefore(day: string): Promise<string[]> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || $1))`, [PARTITION_LOCK]);
      const old = (await this.existingDays(tx)).filter((existing) => existing < day);
      for (const oldDay of old) await tx.query(`DROP TABLE IF EXISTS ${partitionName(oldDay)}`);
      return old;
    });
  }
}
