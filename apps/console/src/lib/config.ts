/**
 * The logic of the configuration pages: the effective configuration flattened with where each value
 * came from, the rows of a diff, the JSON editor's parse errors with line and column, and the API's
 * validation errors (problem+json `errors[].field` / `errors[].pointer`) keyed by dotted path.
 */
import { Problem } from './problem';

export type ConfigSource = 'plan-default' | 'tenant' | 'limits' | string;

export interface ConfigEntry {
  path: string;
  value: string;
  source: ConfigSource;
}

export interface ConfigChange {
  path: string;
  before: unknown;
  after: unknown;
}

export interface DiffRow {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before: string;
  after: string;
}

/** A value as the console prints it: strings as they are, absent as a dash, the rest as JSON. */
export function formatConfigValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * Every leaf of the effective configuration as a dotted path with its source: the source of the path
 * itself, else of its nearest ancestor the API named (`limits` names the whole limits object), else
 * `plan-default`. Empty objects and arrays are leaves; paths sorted.
 */
export function flattenConfiguration(configuration: Record<string, unknown>, sources: Record<string, string>): ConfigEntry[] {
  const out: ConfigEntry[] = [];
  const walk = (value: unknown, path: string) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0) {
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) walk(child, path ? `${path}.${key}` : key);
      return;
    }
    out.push({ path, value: formatConfigValue(value), source: sourceOf(path, sources) });
  };
  walk(configuration, '');
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

function sourceOf(path: string, sources: Record<string, string>): ConfigSource {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n -= 1) {
    const source = sources[parts.slice(0, n).join('.')];
    if (source) return source;
  }
  return 'plan-default';
}

/** The API's changes as table rows: added (nothing before), removed (nothing after) or changed; sorted by path. */
export function diffRows(changes: readonly ConfigChange[]): DiffRow[] {
  return changes
    .map((c): DiffRow => {
      const absentBefore = c.before === null || c.before === undefined;
      const absentAfter = c.after === null || c.after === undefined;
      return { path: c.path, kind: absentBefore ? 'added' : absentAfter ? 'removed' : 'changed', before: formatConfigValue(c.before), after: formatConfigValue(c.after) };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

export type ParsedDocument = { ok: true; value: Record<string, unknown> } | { ok: false; message: string };

/** The editor's text as a JSON object, or what is wrong with it in words (with line and column when JSON.parse says where). */
export function parseConfigurationText(text: string): ParsedDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    // V8 says "… in JSON at position 12 (line 2 column 5)" for some errors, and quotes the text for others.
    const position = /at position (\d+)/.exec(raw);
    const what = raw.replace(/ in JSON at position \d+.*$/s, '').replace(/, ".*" is not valid JSON$/s, '');
    if (position) {
      const lines = text.slice(0, Number(position[1])).split('\n');
      return { ok: false, message: `Not valid JSON at line ${lines.length}, column ${(lines[lines.length - 1]?.length ?? 0) + 1}: ${what}` };
    }
    return { ok: false, message: `Not valid JSON: ${what}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, message: 'The configuration must be a JSON object ({ … }).' };
  return { ok: true, value: value as Record<string, unknown> };
}

/** `/branding/primaryColor` → `branding.primaryColor` (JSON Pointer escapes undone); an empty pointer is the document. */
export function pointerToPath(pointer: string): string {
  if (pointer === '' || pointer === '/') return '';
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

/**
 * The problem's validation errors keyed by dotted path (`field`, else the `pointer` turned into a
 * path; the document itself under `(document)`), every message kept in order, de-duplicated.
 */
export function configurationErrors(problem: Problem | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const error of (problem?.errors ?? []) as { field?: unknown; pointer?: unknown; message?: unknown }[]) {
    if (!error || typeof error.message !== 'string') continue;
    const path = typeof error.field === 'string' && error.field ? error.field : typeof error.pointer === 'string' ? pointerToPath(error.pointer) : '';
    const key = path || '(document)';
    const list = (out[key] ??= []);
    if (!list.includes(error.message)) list.push(error.message);
  }
  return out;
}

/** The overrides as the editor starts with them: without the read-only `limits` (the limits API owns them), pretty-printed. */
export function editableOverrides(overrides: Record<string, unknown>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(overrides).filter(([key]) => key !== 'limits')), null, 2);
}

/** The ETag of a configuration version, for If-Match. */
export function configurationEtag(version: number): string {
  return `W/"${version}"`;
}
