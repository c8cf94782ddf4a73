/** Meters in metering.meter. */
import { Meter } from './meter';

export type MeterFields = Omit<Meter, 'builtIn' | 'version' | 'createdAt' | 'updatedAt'>;

export abstract class MeterRepository {
  abstract all(): Promise<Meter[]>;
  abstract find(key: string): Promise<Meter | undefined>;
  /** Inserts; false if the key exists. */
  abstract create(fields: MeterFields): Promise<Meter | undefined>;
  /** Replaces the fields of an existing meter (version + 1). */
  abstract update(fields: MeterFields): Promise<Meter>;
  /** Whether any usage of the meter was aggregated. */
  abstract hasData(key: string): Promise<boolean>;
}
