/**
 * Derives JSON Schema (draft-07, as AsyncAPI 3 embeds it) from the class-validator decorators of
 * a payload class, so the published document can never drift from what consumers validate.
 */
import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';

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

function ruleSchema(rule: RuleMetadata): JsonSchema {
  const [first, second] = rule.constraints ?? [];
  switch (rule.name) {
    case 'isString':
      return { type: 'string' };
    case 'isBoolean':
      return { type: 'boolean' };
    case 'isInt':
      return { type: 'integer' };
    case 'isNumber':
      return { type: 'number' };
    case 'isObject':
      return { type: 'object' };
    case 'isArray':
      return { type: 'array' };
    case 'isUuid':
      return { type: 'string', format: 'uuid' };
    case 'isEmail':
      return { type: 'string', format: 'email' };
    case 'isIso8601':
      return { type: 'string', format: ISO_DATE_TIME };
    case 'isIn':
      return { enum: first as unknown[] };
    case 'min':
      return { minimum: first };
    case 'max':
      return { maximum: first };
    case 'length':
      return second === undefined ? { minLength: first } : { minLength: first, maxLength: second };
    case 'matches':
      return { type: 'string', pattern: (first as RegExp).source };
    default:
      return {};
  }
}

function nestedClass(target: Constructor, property: string): Constructor | undefined {
  const typeMeta = defaultMetadataStorage.findTypeMetadata(target, property);
  const resolved = typeMeta?.typeFunction();
  return typeof resolved === 'function' ? (resolved as Constructor) : undefined;
}

/** Classes reachable from `root`, so each can be emitted once as a named component. */
export function toJsonSchema(root: Constructor, ref: (cls: Constructor) => string): JsonSchema {
  const rules = getMetadataStorage().getTargetValidationMetadatas(root, '', true, false) as RuleMetadata[];
  const properties: Record<string, JsonSchema> = {};
  const optional = new Set<string>();
  for (const rule of rules) {
    const property = (properties[rule.propertyName] ??= {});
    if (rule.type === 'conditionalValidation') {
      optional.add(rule.propertyName);
      continue;
    }
    if (rule.type === 'nestedValidation') {
      const cls = nestedClass(root, rule.propertyName);
      if (!cls) continue;
      if (rule.each) Object.assign(property, { type: 'array', items: { $ref: ref(cls) } });
      else Object.assign(property, { $ref: ref(cls) });
      continue;
    }
    const schema = ruleSchema(rule);
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

/** Walks a payload class and every class nested in it. */
export function reachableClasses(root: Constructor): Constructor[] {
  const seen = new Set<Constructor>([root]);
  const queue = [root];
  while (queue.length > 0) {
    const current = queue.shift() as Constructor;
    const rules = getMetadataStorage().getTargetValidationMetadatas(current, '', true, false) as RuleMetadata[];
    for (const rule of rules.filter((r) => r.type === 'nestedValidation')) {
      const cls = nestedClass(current, rule.propertyName);
      if (cls && !seen.has(cls)) {
        seen.add(cls);
        queue.push(cls);
      }
    }
  }
  return [...seen];
}
