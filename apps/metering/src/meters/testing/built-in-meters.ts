/** The built-in meters as the migration seeds them, for unit tests (a unit test holds the two together). */
import { Meter } from '../meter';
import { MeterFields, MeterRepository } from '../meter.repository';

const AT = new Date('2026-01-01T00:00:00.000Z');
const meter = (fields: Omit<Meter, 'builtIn' | 'version' | 'createdAt' | 'updatedAt' | 'filters' | 'groupBy' | 'description'> & Partial<Meter>): Meter => ({
  description: fields.key,
  filters: {},
  groupBy: [],
  builtIn: true,
  version: 1,
  createdAt: AT,
  updatedAt: AT,
  ...fields,
});

export const BUILT_IN_METERS: readonly Meter[] = [
  meter({ key: 'storage_bytes', unit: 'bytes', aggregation: 'latest', valueProperty: null, recordedBy: ['collector'], countedSources: ['collector'] }),
  meter({ key: 'database_bytes', unit: 'bytes', aggregation: 'latest', valueProperty: null, recordedBy: ['collector'], countedSources: ['collector'] }),
  meter({ key: 'bandwidth_bytes', unit: 'bytes', aggregation: 'sum', valueProperty: null, recordedBy: ['api', 'gateway'], countedSources: ['api', 'gateway'] }),
  meter({ key: 'api_calls', unit: 'calls', aggregation: 'sum', valueProperty: null, recordedBy: ['api', 'gateway'], countedSources: ['api', 'gateway'] }),
  meter({ key: 'active_users', unit: 'users', aggregation: 'unique', valueProperty: 'userId', recordedBy: ['collector'], countedSources: ['collector'] }),
  meter({ key: 'concurrent_connections', unit: 'connections', aggregation: 'max', valueProperty: null, recordedBy: ['api', 'gateway', 'collector'], countedSources: ['api', 'gateway', 'collector'] }),
];

export const builtInMeter = (key: string): Meter | undefined => BUILT_IN_METERS.find((m) => m.key === key);

export class InMemoryMeterRepository extends MeterRepository {
  private readonly meters = new Map<string, Meter>();

  constructor(meters: readonly Meter[] = BUILT_IN_METERS) {
    super();
    for (const m of meters) this.meters.set(m.key, m);
  }

  async all(): Promise<Meter[]> {
    return [...this.meters.values()];
  }

  async find(key: string): Promise<Meter | undefined> {
    return this.meters.get(key);
  }

  async create(fields: MeterFields): Promise<Meter | undefined> {
    if (this.meters.has(fields.key)) return undefined;
    const created: Meter = { ...fields, builtIn: false, version: 1, createdAt: new Date(), updatedAt: new Date() };
    this.meters.set(fields.key, created);
    return created;
  }

  async update(fields: MeterFields): Promise<Meter> {
    const existing = this.meters.get(fields.key);
    if (!existing) throw new Error(`no meter ${fields.key}`);
    const updated: Meter = { ...existing, ...fields, version: existing.version + 1, updatedAt: new Date() };
    this.meters.set(fields.key, updated);
    return updated;
  }

  async hasData(): Promise<boolean> {
    return false;
  }
}
