/** Decides whether the event payload schemas of the AsyncAPI document still accept what a published baseline accepted. */
import { JsonSchema } from './json-schema';

/** One event's contract as the baseline keeps it: its schema version and its payload with every `$ref` inlined. */
export interface EventContract {
  readonly version: number;
  readonly payload: JsonSchema;
}

export interface PayloadSnapshot {
  readonly events: Record<string, EventContract>;
}

const SCHEMA_REF_PREFIX = '#/components/schemas/';

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function schemaAt(value: unknown, key: string): JsonSchema | undefined {
  if (!isSchema(value)) return undefined;
  const child = value[key];
  return isSchema(child) ? child : undefined;
}

/** Replaces component `$ref`s by the schemas they name, so a snapshot stands on its own. */
function inline(schema: unknown, components: JsonSchema, trail: readonly string[] = []): unknown {
  if (Array.isArray(schema)) return schema.map((item) => inline(item, components, trail));
  if (!isSchema(schema)) return schema;
  const ref = schema['$ref'];
  if (typeof ref === 'string' && ref.startsWith(SCHEMA_REF_PREFIX)) {
    const name = ref.slice(SCHEMA_REF_PREFIX.length);
    const target = components[name];
    if (!isSchema(target)) throw new Error(`unresolvable schema reference ${ref}`);
    // A recursive payload cannot be inlined; keep the reference where it loops.
    if (trail.includes(name)) return { $ref: ref };
    return inline(target, components, [...trail, name]);
  }
  return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, inline(value, components, trail)]));
}

/** The payload contract of every message of an AsyncAPI document built by `buildAsyncApiDocument`. */
export function snapshotPayloads(document: Record<string, unknown>): PayloadSnapshot {
  const messages = schemaAt(schemaAt(document, 'components'), 'messages') ?? {};
  const components = schemaAt(schemaAt(document, 'components'), 'schemas') ?? {};
  const events: Record<string, EventContract> = {};
  for (const name of Object.keys(messages).sort()) {
    const message = schemaAt(messages, name) ?? {};
    const version = message['x-schema-version'];
    if (typeof version !== 'number') throw new Error(`message ${name} has no numeric x-schema-version`);
    events[name] = { version, payload: inline(message['payload'] ?? {}, components) as JsonSchema };
  }
  return { events };
}

function requiredOf(schema: JsonSchema): Set<string> {
  const required = schema['required'];
  return new Set(Array.isArray(required) ? required.filter((name): name is string => typeof name === 'string') : []);
}

function describeType(schema: JsonSchema): string {
  const type = schema['type'];
  if (type === undefined) return '(any)';
  return Array.isArray(type) ? type.join('|') : String(type);
}

function enumOf(schema: JsonSchema): unknown[] | undefined {
  const values = schema['enum'];
  return Array.isArray(values) ? values : undefined;
}

/** Compares one schema with its baseline; `field` is the dotted path of the schema inside the payload. */
function compareSchema(event: string, field: string, before: JsonSchema, after: JsonSchema, problems: string[]): void {
  const at = field === '' ? 'the payload' : `field ${field}`;
  if (describeType(before) !== describeType(after)) {
    problems.push(`${event}: ${at} changed type from ${describeType(before)} to ${describeType(after)}`);
  }
  if (before['format'] !== after['format']) {
    problems.push(`${event}: ${at} changed format from ${String(before['format'] ?? '(none)')} to ${String(after['format'] ?? '(none)')}`);
  }
  const beforeEnum = enumOf(before);
  const afterEnum = enumOf(after);
  if (afterEnum !== undefined) {
    if (beforeEnum === undefined) {
      problems.push(`${event}: ${at} is now restricted to ${JSON.stringify(afterEnum)}`);
    } else {
      const removed = beforeEnum.filter((value) => !afterEnum.some((kept) => JSON.stringify(kept) === JSON.stringify(value)));
      if (removed.length > 0) problems.push(`${event}: ${at} no longer accepts ${JSON.stringify(removed)}`);
    }
  }

  const beforeItems = schemaAt(before, 'items');
  const afterItems = schemaAt(after, 'items');
  if (beforeItems && afterItems) compareSchema(event, `${field}[]`, beforeItems, afterItems, problems);

  const beforeProperties = schemaAt(before, 'properties');
  if (!beforeProperties) return;
  const afterProperties = schemaAt(after, 'properties') ?? {};
  const beforeRequired = requiredOf(before);
  const afterRequired = requiredOf(after);
  const child = (name: string) => (field === '' ? name : `${field}.${name}`);
  for (const [name, beforeProperty] of Object.entries(beforeProperties)) {
    const afterProperty = afterProperties[name];
    if (!isSchema(afterProperty)) {
      problems.push(`${event}: field ${child(name)} was removed`);
      continue;
    }
    if (!beforeRequired.has(name) && afterRequired.has(name)) {
      problems.push(`${event}: optional field ${child(name)} became required`);
    }
    if (isSchema(beforeProperty)) compareSchema(event, child(name), beforeProperty, afterProperty, problems);
  }
  for (const name of [...afterRequired].sort()) {
    if (!(name in beforeProperties)) problems.push(`${event}: new required field ${child(name)}`);
  }
}

/**
 * Every change between a baseline and the current payload contracts that would break a producer
 * or consumer of the baseline. An event whose schema version went up is a new contract (published
 * on a new topic version), so only events at the same version are compared field by field.
 */
export function breakingChanges(baseline: PayloadSnapshot, current: PayloadSnapshot): string[] {
  const problems: string[] = [];
  for (const [event, before] of Object.entries(baseline.events)) {
    const after = current.events[event];
    if (!after) {
      problems.push(`${event}: event was removed from the catalogue`);
      continue;
    }
    if (after.version < before.version) {
      problems.push(`${event}: schema version went back from ${before.version} to ${after.version}`);
      continue;
    }
    if (after.version > before.version) continue;
    compareSchema(event, '', before.payload, after.payload, problems);
  }
  return problems;
}
