/** RFC 9457 problem details from the API, turned into words and field errors for forms. */

export interface FieldProblem {
  /** The dotted path of the field; configuration errors also carry the JSON Pointer. */
  field?: string;
  pointer?: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldProblem[];
  [key: string]: unknown;
}

/** A failed API call: the HTTP status and the problem document (or what stood in for it). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(describeProblem(problem, status));
    this.name = 'ApiError';
  }
}

const STATUS_WORDS: Record<number, string> = {
  400: 'The request was not valid.',
  401: 'The API key is unknown or revoked: sign in again.',
  403: 'Your role may not do this.',
  404: 'Not found.',
  409: 'Someone changed this meanwhile: reload and try again.',
  412: 'Someone changed this meanwhile: reload and try again.',
  422: 'The request could not be carried out.',
  429: 'Too many requests: wait a moment and try again.',
  503: 'A service is unavailable: try again shortly.',
};

/** One sentence for a person: the problem's detail, else its title, else what the status means. */
export function describeProblem(problem: Problem | undefined, status: number): string {
  const detail = typeof problem?.detail === 'string' && problem.detail.trim() ? problem.detail.trim() : undefined;
  const title = typeof problem?.title === 'string' && problem.title.trim() ? problem.title.trim() : undefined;
  const base = detail ?? title ?? STATUS_WORDS[status] ?? `The request failed (HTTP ${status}).`;
  const fields = problem?.errors?.filter((e) => e && typeof e.field === 'string') ?? [];
  if (fields.length === 0 || detail === undefined) return fields.length > 0 ? `${base} ${fields.map((e) => `${e.field}: ${e.message}`).join('; ')}` : base;
  return base;
}

/**
 * The problem's field errors keyed by form field: `domain.value` → the form's `domain` input when
 * the form has no `domain.value` (nested API fields onto flat form fields via `aliases`), the first
 * message per field kept. Field errors no form field matches are returned under `_form`.
 */
export function fieldErrors(problem: Problem | undefined, formFields: readonly string[], aliases: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  const rest: string[] = [];
  // A conflict about one field (409 `field: amount`) names it at the top level, with the detail as its message.
  const errors = problem?.errors ?? (typeof problem?.['field'] === 'string' && typeof problem?.detail === 'string' ? [{ field: problem['field'] as string, message: problem.detail }] : []);
  for (const error of errors) {
    if (!error || typeof error.field !== 'string') continue;
    const field = resolveField(error.field, formFields, aliases);
    const message = humanMessage(error.field, error.message);
    if (field === undefined) rest.push(`${error.field}: ${error.message}`);
    else out[field] ??= message;
  }
  if (rest.length > 0) out['_form'] = rest.join('; ');
  return out;
}

function resolveField(apiField: string, formFields: readonly string[], aliases: Record<string, string>): string | undefined {
  if (aliases[apiField]) return aliases[apiField];
  if (formFields.includes(apiField)) return apiField;
  // `domain.value` → `domain`, `plan.id` → `plan`; `items[0].name` → `items`.
  const parts = apiField.split(/[.[]/);
  for (let n = parts.length - 1; n > 0; n -= 1) {
    const prefix = parts.slice(0, n).join('.');
    if (aliases[prefix]) return aliases[prefix];
    if (formFields.includes(prefix)) return prefix;
  }
  return undefined;
}

/** class-validator's messages begin with the property name ("adminEmail must be an email"): drop it, the field is labelled. */
function humanMessage(apiField: string, message: string): string {
  const last = apiField.split('.').pop() ?? apiField;
  const trimmed = message.startsWith(`${last} `) ? message.slice(last.length + 1) : message;
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}
