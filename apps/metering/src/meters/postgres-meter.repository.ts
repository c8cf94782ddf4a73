/** Meters on PostgreSQL. */
import { Injectable } from '@nestjs/common';
import { UsageSource } from '@tenantry/contracts';
import { Aggregation } from '@tenantry/usage-api';
import { DataSource } from 'typeorm';
import { Meter } from './meter';
import { MeterFields, MeterRepository } from './meter.repository';

interface MeterRow {
  key: string;
  description: string;
  unit: string;
  aggregation: Aggregation;
  value_property: string | null;
  filters: Record<string, string[]>;
  group_by: string[];
  recorded_by: UsageSource[];
  counted_sources: UsageSource[];
  built_in: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const toMeter = (row: MeterRow): Meter => ({
  key: row.key,
  description: row.description,
  unit: row.unit,
  aggregation: row.aggregation,
  valueProperty: row.value_property,
  filters: row.filters,
  groupBy: row.group_by,
  recordedBy: row.recorded_by,
  countedSources: row.counted_sources,
  builtIn: row.built_in,
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const COLUMNS = `key, description, unit, aggregation, value_property, filters, group_by, recorded_by, counted_sources, built_in, version, created_at, updated_at`;

@Injectable()
export class PostgresMeterRepository extends MeterRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async all(): Promise<Meter[]> {
    return ((await this.dataSource.query(`SELECT ${COLUMNS} FROM meter ORDER BY key`)) as MeterRow[]).map(toMeter);
  }

  async find(key: string): Promise<Meter | undefined> {
    const [row] = (await this.dataSource.query(`SELECT ${COLUMNS} FROM meter WHERE key = $1`, [key])) as MeterRow[];
    return row ? toMeter(row) : undefined;
  }

  async create(f: MeterFields): Promise<Meter | undefined> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO meter (key, description, unit, aggregation, value_property, filters, group_by, recorded_by, counted_sources)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (key) DO NOTHING RETURNING ${COLUMNS}`,
      [f.key, f.description, f.unit, f.aggregation, f.valueProperty, JSON.stringify(f.filters), f.groupBy, f.recordedBy, f.countedSources],
    )) as MeterRow[];
    return row ? toMeter(row) : undefined;
  }

  async update(f: MeterFields): Promise<Meter> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
    const [rows] = (await this.dataSource.query(
      `UPDATE meter SET description = $2, unit = $3, aggregation = $4, value_property = $5, filters = $6, group_by = $7, recorded_by = $8, counted_sources = $9,
              version = version + 1, updated_at = now()
        WHERE key = $1 RETURNING ${COLUMNS}`,
      [f.key, f.description, f.unit, f.aggregation, f.valueProperty, JSON.stringify(f.filters), f.groupBy, f.recordedBy, f.countedSources],
    )) as [MeterRow[], number];
    const row = rows[0];
    if (!row) throw new Error(`meter ${f.key} vanished during its update`);
    return toMeter(row);
  }

  async hasData(key: string): Promise<boolean> {
    const [row] = (await this.dataSource.query(`SELECT EXISTS (SELECT 1 FROM usage_aggregate WHERE metric = $1 AND granularity = 'month') AS has`, [key])) as { has: boolean }[];
    return row?.has ?? false;
  }
}
