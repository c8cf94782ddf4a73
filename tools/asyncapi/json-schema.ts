/**
 * Derives JSON Schema (draft-07, as AsyncAPI 3 embeds it) from the class-validator decorators of
 * a payload class, so the published document can never drift from what consumers validate.
 */
import 'reflect-metadata';
import {
  getMetadataStorage,
  IS_ARRAY,
  IS_BOOLEAN,
  IS_EMAIL,
  IS_IN,
  IS_INT,
  IS_ISO8601,
  IS_LENGTH,
  IS_NUMBER,
  IS_OBJECT,
  IS_STRING,
  IS_UUID,
  MATCHES,
  MAX,
  MIN,
  ValidationTypes,
} from 'class-validator';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';

// class-transformer keeps its @Type() metadata in a module it does not export types for.
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: MetadataStorage };

export type JsonSchema = { [key: string]: unknown };
type Constructor = new () => object;

interface RuleMetadata {
  propertyName: string;
  type: string;
  name?: string;
  constraints?: unknown[];
  each?: boolean;
}

const ISO_DATE_TIME = 'date-time';

/** JSON Schema type of an `@IsIn` list, when every value shares one. */
function enumType(values: unknown[]): string | undefined {
  const types = new Set(values.map((value) => (Number.isInteger(value) ? 'integer' : typeof value)));
  const [only] = types;
  return types.size === 1 && (only === 'string' || only === 'boolean' || only === 'integer' || only === 'number') ? only : undefined;
}

// Keyed by class-validator's own constants: a literal such as 'length' (the rule is 'isLength')
// would silently drop the constraint from the published contract.
function ruleSchema(rule: RuleMetadata, owner: string): JsonSchema {
  // An unmapped decorator would publish a looser contract than consumers enforce.
  const unmapped = () => new Error(`no JSON Schema mapping for validation rule ${rule.name ?? rule.type} on ${owner}.${rule.propertyName}`);
  if (rule.name === undefined) throw unmapped();
  const [first, second] = rule.constraints ?? [];
  switch (rule.name) {
    case IS_STRING:
      return { type: 'string' };
    case IS_BOOLEAN:
      return { type: 'boolean' };
    case IS_INT:
      return { type: 'integer' };
    case IS_NUMBER:
      return { type: 'number' };
    case IS_OBJECT:
      return { type: 'object' };
    case IS_ARRAY:
      return { type: 'array' };
    case IS_UUID:
      return { type: 'string', format: 'uuid' };
    case IS_EMAIL:
      return { type: 'string', format: 'email' };
    case IS_ISO8601:
      return { type: 'string', format: ISO_DATE_TIME };
    case IS_IN: {
      const values = first as unknown[];
      const type = enumType(values);
      return type === undefined ? { enum: values } : { type, enum: values };
    }
    case MIN:
      return { minimum: first };
    case MAX:
      return { maximum: first };
    case IS_LENGTH:
      return second === undefined ? { minLength: first } : { minLength: first, maxLength: second };
    case MATCHES:
      return { type: 'string', pattern: (first as RegExp).source };
    default:
      throw unmapped();
  }
}

function nestedClass(target: Constructor, property: string): Constructor | undefined {
  const typeMeta = defaultMetadataStorage.findTypeMetadata(target, property);
  const resolved = typeMeta?.typeFunction();
  return typeof resolved === 'function' ? (resolved as Constructor) : undefined;
}

/** The schema of one payload class; nested classes become references made by `ref`. */
export function toJsonSchema(root: Constructor, ref: (cls: Constructor) => string): JsonSchema {
  const rules = getMetadataStorage().getTargetValidationMetadatas(root, '', true, false) as RuleMetadata[];
  const properties: Record<string, JsonSchema> = {};
  const optional = new Set<string>();
  for (const rule of rules) {
    const property = (properties[rule.propertyName] ??= {});
    // @IsDefined and @Allow keep the property required and say nothing about its shape.
    if (rule.type === ValidationTypes.IS_DEFINED || rule.type === ValidationTypes.WHITELIST) continue;
    if (rule.type === ValidationTypes.CONDITIONAL_VALIDATION) {
      optional.add(rule.propertyName);
      continue;
    }
    if (rule.type === ValidationTypes.NESTED_VALIDATION) {
      const cls = nestedClass(root, rule.propertyName);
      if (!cls) continue;
      if (rule.each) Object.assign(property, { type: 'array', items: { $ref: ref(cls) } });
      else Object.assign(property, { $ref: ref(cls) });
      continue;
    }
    const schema = ruleSchema(rule, root.name);
    if (rule.each) {
      property['type'] = 'array';
      property['items'] = { ...((property['items'] as JsonSchema | undefined) ?? {}), ...schema };
    } else if (property['type'] === 'array' && rule.name !== 'isArray') {
      property['items'] = { ...((property['items'] as JsonSchema | undefined) ?? {}), ...schema };
    } else {
      Object.assign(property, schema);
    }
  }
  const required = Object.keys(properties).filter((name) => !optional.has(name)).sort();
  return { type: 'object', properties, required, additionalProperties: true };
}

/** Classes reachable from `root`, so each can be emitted once as a named component. */
export function reachableClasses(root: Constructor): Constructor[] {
  const seen = new Set<Constructor>([root]);
  const queue = [root];
  while (queue.length > 0) {
    const current = queue.shift() as Constructor;
    const rules = getMetadataStorage().getTargetValidationMetadatas(current, '', true, false) as RuleMetadata[];
    for (const rule of rules.filter((r) => r.type === ValidationTypes.NESTED_VALIDATION)) {
      const cls = nestedClass(current, rule.propertyName);
      if (cls && !seen.has(cls)) {
        seen.add(cls);
        queue.push(cls);
      }
    }
  }
  return [...seen];
}
