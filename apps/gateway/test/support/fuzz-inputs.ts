/**
 * A small seeded grammar fuzzer over an OpenAPI 3 document: for an operation it makes a path, a query
 * and a JSON body from the operation's schemas, mostly well-formed but with hostile values spliced in
 * anywhere (NUL, lone surrogates, bidi and zero-width characters, huge and tiny numbers, wrong types,
 * deep nesting, long strings, dates JavaScript parses and PostgreSQL does not). Each case is made from
 * its own PRNG seeded with (seed, case index), so a failing case is reproduced from those two numbers.
 */

export type Rng = () => number;

/** mulberry32: tiny, fast, good enough to spread cases; the same seed gives the same cases. */
export function rngOf(seed: number, index: number): Rng {
  let state = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
}

export interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  method: string;
  path: string;
  operationId: string;
  parameters: Parameter[];
  body?: Schema;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { operationId?: string; parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Every operation of the document. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      operations.push({
        method: method.toUpperCase(),
        path,
        operationId: operation.operationId ?? `${method} ${path}`,
        parameters: operation.parameters ?? [],
        body: operation.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return operations;
}

/** Strings that have broken, or could break, something between the socket and the database. */
const HOSTILE_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\udc00\ud800',
  '\u202E\u202D',
  'invoice\u202Egnp.exe',
  '\u2066\u2069',
  '\u200B\u200C\u200D\uFEFF',
  '\u0301\u0302',
  '\u0007\u001b[31m',
  '\r\n',
  '   ',
  '',
  '\uFFFD\uFFFF\uFFFE',
  '😀👩‍👩‍👧',
  '%00',
  '%',
  '_',
  '\\',
  "' OR 1=1 --",
  '"; DROP TABLE tenants; --',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  '${jndi:ldap://x}',
  '0',
  '12',
  '-1',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '10000-01-01T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '2026-13-01T00:00:00Z',
  '1e309',
  'NaN',
  'Infinity',
  '9999999999999999999',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
] as const;

const HOSTILE_NUMBERS = [0, -0, -1, 1.5, 2 ** 31, 2 ** 53 + 2, 1e21, 1e308, -1e308, 5e-324, 1e-10, 0.1 + 0.2, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER] as const;

/** A token replaced, after JSON.stringify, by `depth` nested arrays (stringify itself would recurse that deep). */
export const DEEP = (depth: number) => `\u0001deep:${depth}\u0001`;

function randomText(rng: Rng): string {
  const length = pick(rng, [1, 2, 5, 20, 64, 65, 200, 201, 256, 513]);
  const pieces: string[] = [];
  for (let i = 0; i < length; i += 1) {
    const roll = rng();
    if (roll < 0.7) pieces.push(String.fromCharCode(0x20 + Math.floor(rng() * 95)));
    else if (roll < 0.85) pieces.push(String.fromCodePoint(0xa0 + Math.floor(rng() * 0x2f00)));
    else pieces.push(pick(rng, HOSTILE_STRINGS));
  }
  return pieces.join('');
}

/** Something of the wrong kind, or of the right kind at its worst. */
export function hostile(rng: Rng): unknown {
  const roll = rng();
  if (roll < 0.4) return pick(rng, HOSTILE_STRINGS);
  if (roll < 0.55) return pick(rng, HOSTILE_NUMBERS);
  if (roll < 0.7) return pick(rng, [null, true, false, [], {}, [1, 'a'], { a: { b: 'c' } }, ['\u0000']]);
  if (roll < 0.8) return randomText(rng);
  if (roll < 0.88) return 'x'.repeat(pick(rng, [201, 254, 1_000, 70_000]));
  if (roll < 0.9) return '\u6f22'.repeat(400_000); // 1.2 MB of UTF-8: over the body limit
  return DEEP(pick(rng, [31, 33, 64, 1_000, 10_000]));
}

export class SchemaFuzzer {
  constructor(
    private readonly schemas: Record<string, Schema>,
    /** Ids that exist (tenants), so that well-formed requests get past the 404. */
    private readonly ids: readonly string[],
    private readonly hostileRate = 0.12,
  ) {}

  private resolve(schema: Schema): Schema {
    let current = schema;
    for (let hops = 0; current.$ref && hops < 10; hops += 1) current = this.schemas[current.$ref.split('/').pop() as string] ?? {};
    return current;
  }

  value(rng: Rng, given: Schema | undefined, depth = 0): unknown {
    if (rng() < this.hostileRate) return hostile(rng);
    if (!given) return randomText(rng);
    const schema = this.resolve(given);
    const choices = schema.oneOf ?? schema.anyOf ?? schema.allOf;
    if (choices && choices.length > 0) return this.value(rng, pick(rng, choices), depth);
    if (schema.enum) return rng() < 0.9 ? pick(rng, schema.enum) : `${String(pick(rng, schema.enum))}${pick(rng, HOSTILE_STRINGS)}`;
    const type = schema.type ?? 'object';
    if (type === 'string') return this.string(rng, schema);
    if (type === 'number' || type === 'integer') return this.number(rng, schema);
    if (type === 'boolean') return rng() < 0.5;
    if (type === 'array') return Array.from({ length: pick(rng, [0, 1, 1, 2, 3]) }, () => this.value(rng, schema.items, depth + 1));
    return this.object(rng, schema, depth);
  }

  private string(rng: Rng, schema: Schema): string {
    const roll = rng();
    if (schema.format === 'uuid') return roll < 0.8 ? pick(rng, this.ids) : pick(rng, ['3f1c2b9e-8a4d-4c1e-9b2f-0d6e5a7c8b9a', 'not-a-uuid', '']);
    if (schema.format === 'date-time') return roll < 0.6 ? new Date(Date.now() - Math.floor(rng() * 86_400_000 * 40)).toISOString() : pick(rng, HOSTILE_STRINGS.filter((s) => /\d/.test(s)));
    if (schema.format === 'email') return roll < 0.8 ? `ops${Math.floor(rng() * 1e6)}@fuzz.example` : `${randomText(rng)}@x`;
    if (schema.example !== undefined && roll < 0.5) return String(schema.example);
    if (roll < 0.75) return `fz-${Math.floor(rng() * 1e9).toString(36)}`;
    return randomText(rng);
  }

  private number(rng: Rng, schema: Schema): number {
    const { minimum = 0, maximum = 1_000 } = schema;
    const roll = rng();
    if (schema.example !== undefined && roll < 0.3) return Number(schema.example);
    if (roll < 0.6) {
      const n = minimum + rng() * (maximum - minimum);
      return schema.type === 'integer' || rng() < 0.5 ? Math.floor(n) : n;
    }
    return pick(rng, [minimum, maximum, minimum - 1, maximum + 1, maximum + 0.5, ...HOSTILE_NUMBERS]);
  }

  private object(rng: Rng, schema: Schema, depth: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const required = new Set(schema.required ?? []);
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      if (required.has(name) ? rng() < 0.97 : rng() < 0.6) result[name] = this.value(rng, property, depth + 1);
    }
    if (schema.additionalProperties || rng() < 0.05) {
      const count = schema.additionalProperties ? pick(rng, [0, 1, 2]) : 1;
      for (let i = 0; i < count; i += 1) result[rng() < 0.8 ? `k${Math.floor(rng() * 100)}` : pick(rng, HOSTILE_STRINGS)] = depth > 4 ? 1 : this.value(rng, undefined, depth + 1);
    }
    return result;
  }
}

/**
 * encodeURIComponent, except that a lone surrogate (which it refuses) goes as its WTF-8 bytes — what a
 * client that does not check would send — and `raw` pieces go as they are.
 */
export function encodeQueryValue(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff) out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    else out += encodeURIComponent(char);
  }
  return out;
}

/** Query values as a client would put them: strings as they are, numbers as digits, lists repeated, objects as JSON. */
export function queryString(rng: Rng, entries: [string, unknown][]): string {
  const parts: string[] = [];
  for (const [name, value] of entries) {
    const values = Array.isArray(value) && value.length > 0 ? value : [value];
    for (const one of values) {
      const text = typeof one === 'string' ? one : typeof one === 'object' ? JSON.stringify(one) : String(one);
      parts.push(`${encodeQueryValue(name)}=${encodeQueryValue(text.slice(0, 4_000))}`);
    }
  }
  // Percent-escapes no encoder would produce: a bare %, an invalid pair, an overlong NUL.
  if (rng() < 0.05) parts.push(`${pick(rng, ['q', 'cursor', 'limit', 'metric'])}=${pick(rng, ['%', '%zz', '%C0%80', '%FF', '%00%00'])}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** The body as text: JSON, with DEEP tokens expanded into nested arrays. */
export function bodyText(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0001deep:(\d+)\\u0001"/g, (_match, depth: string) => '['.repeat(Number(depth)) + ']'.repeat(Number(depth)));
}
