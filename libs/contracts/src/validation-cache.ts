/**
 * class-validator looks up a class's validation metadata on every `validate` call by scanning every
 * decorated class known to the process (for inherited rules). With the event catalogue, the DTOs and
 * the config classes loaded, that scan dominates the hot path: unmemoised, metering spends more CPU
 * in it during `bench:ingest` than in Kafka and Postgres together. The metadata of a class never
 * changes once its module has loaded, so the lookup is memoised here per class and options, and the
 * memo is dropped whenever a decorator registers new metadata. Installed once per process on import.
 */
import { getMetadataStorage } from 'class-validator';

type Lookup = (target: unknown, schema: string, always: boolean, strictGroups: boolean, groups?: string[]) => unknown[];

interface PatchableStorage {
  getTargetValidationMetadatas: Lookup;
  addValidationMetadata: (metadata: unknown) => void;
  addConstraintMetadata: (metadata: unknown) => void;
  __tenantryMemo?: true;
}

function installValidationMetadataCache(): void {
  const storage = getMetadataStorage() as unknown as PatchableStorage;
  if (storage.__tenantryMemo) return;
  storage.__tenantryMemo = true;
  let memo = new Map<unknown, Map<string, unknown[]>>();
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const addValidation = storage.addValidationMetadata.bind(storage);
  const addConstraint = storage.addConstraintMetadata.bind(storage);
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? ''}`;
    let byOptions = memo.get(target);
    if (!byOptions) memo.set(target, (byOptions = new Map()));
    let found = byOptions.get(key);
    if (!found) byOptions.set(key, (found = lookup(target, schema, always, strictGroups, groups)));
    return found;
  };
  storage.addValidationMetadata = (metadata) => {
    memo = new Map();
    addValidation(metadata);
  };
  storage.addConstraintMetadata = (metadata) => {
    memo = new Map();
    addConstraint(metadata);
  };
}

installValidationMetadataCache();
