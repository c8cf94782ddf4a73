/**
 * Pure operations on configuration documents: RFC 7396 merge patch, plan defaults merged under
 * tenant overrides with the source of each value, the changed paths between two documents, and the
 * masking of write-only secrets (integrations' `secrets.*`, `security.sso.clientSecret`).
 */
import { isDeepStrictEqual } from 'node:util';
import { dottedPath, SECRET_MASK } from './configuration-schema';

export type ConfigurationDocument = Record<string, unknown>;
export type ConfigurationSource = 'plan-default' | 'tenant' | 'limits';

export interface ConfigurationChange {
  path: string;
  before: unknown;
  after: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 7396: objects merge member by member, null removes, anything else replaces. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const result: Record<string, unknown> = isObject(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

/** Is this path (segments) a write-only secret? */
export function isSecretPath(segments: readonly string[]): boolean {
  return (segments.length === 4 && segments[0] === 'integrations' && segments[2] === 'secrets') || (segments.length === 3 && segments[0] === 'security' && segments[1] === 'sso' && segments[2] === 'clientSecret');
}

/** Leaves of a document (arrays are leaves), with their path segments. */
export function leaves(document: unknown, prefix: string[] = []): { segments: string[]; value: unknown }[] {
  if (!isObject(document) || (prefix.length > 0 && Object.keys(document).length === 0)) return prefix.length === 0 ? [] : [{ segments: prefix, value: document }];
  return Object.entries(document).flatMap(([key, value]) => leaves(value, [...prefix, key]));
}

/** Every secret replaced by the mask: what any read, diff, version or event shows. */
export function maskSecrets<T>(document: T, prefix: string[] = []): T {
  if (!isObject(document)) return (isSecretPath(prefix) && typeof document === 'string' ? SECRET_MASK : document) as T;
  return Object.fromEntries(Object.entries(document).map(([key, value]) => [key, maskSecrets(value, [...prefix, key])])) as T;
}

/** Rewrites each secret leaf with `transform(value, segments)` (sealing on the way in). */
export function mapSecrets(document: ConfigurationDocument, transform: (value: string, segments: string[]) => string): ConfigurationDocument {
  const walk = (value: unknown, prefix: string[]): unknown => {
    if (!isObject(value)) return isSecretPath(prefix) && typeof value === 'string' ? transform(value, prefix) : value;
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, walk(child, [...prefix, key])]));
  };
  return walk(document, []) as ConfigurationDocument;
}

/** Value at a path, or undefined. */
export function valueAt(document: unknown, segments: readonly string[]): unknown {
  let current: unknown = document;
  for (const segment of segments) {
    if (!isObject(current)) return undefined;
    current = current[segment];
  }
  return current;
}

/** The leaf paths whose values differ between two stored documents, with before/after (secrets masked; an absent value is null). */
export function diffDocuments(before: ConfigurationDocument, after: ConfigurationDocument): ConfigurationChange[] {
  const paths = new Map<string, string[]>();
  for (const leaf of [...leaves(before), ...leaves(after)]) paths.set(JSON.stringify(leaf.segments), leaf.segments);
  const changes: ConfigurationChange[] = [];
  for (const segments of paths.values()) {
    const from = valueAt(before, segments);
    const to = valueAt(after, segments);
    if (isDeepStrictEqual(from, to)) continue;
    const mask = (value: unknown) => (value === undefined ? null : isSecretPath(segments) ? SECRET_MASK : value);
    changes.push({ path: dottedPath(segments), before: mask(from), after: mask(to) });
  }
  return changes.sort((a, b) => a.path.localeCompare(b.path));
}

export interface EffectiveConfiguration {
  configuration: ConfigurationDocument;
  /** Dotted leaf path → where its value came from. */
  sources: Record<string, ConfigurationSource>;
}

/**
 * Plan defaults with the tenant's overrides merged over them (secrets masked), and the read-only
 * limits from the limits API under `limits`.
 */
export function effectiveConfiguration(planDefaults: ConfigurationDocument, overrides: ConfigurationDocument, limits?: Record<string, unknown>): EffectiveConfiguration {
  const configuration = maskSecrets(applyMergePatch(planDefaults, overrides) as ConfigurationDocument);
  const sources: Record<string, ConfigurationSource> = {};
  for (const leaf of leaves(configuration)) sources[dottedPath(leaf.segments)] = valueAt(overrides, leaf.segments) !== undefined ? 'tenant' : 'plan-default';
  if (limits) {
    configuration['limits'] = limits;
    for (const leaf of leaves(limits, ['limits'])) sources[dottedPath(leaf.segments)] = 'limits';
  }
  return { configuration, sources };
}
