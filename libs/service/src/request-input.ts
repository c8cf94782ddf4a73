/**
 * Input every service refuses before a route sees it, whatever its DTO says: a JSON body nested deeper
 * than MAX_BODY_DEPTH (class-transformer and class-validator recurse, and 10,000 levels — 60 KB —
 * overflow the stack), and strings (values or keys, in the body or the query) holding a NUL, which
 * PostgreSQL refuses in text, or an unpaired UTF-16 surrogate, which is not a character and is
 * silently replaced on its way to UTF-8. Each is a 400 `validation-failed` naming the field, checked
 * in a preValidation hook (after the body is parsed, before pipes, guards' DTOs and handlers).
 */
import { FieldProblem, invalidFields } from './problem-details';

/** Deepest JSON nesting a body may have: every body the API takes is 3 levels deep at most. */
export const MAX_BODY_DEPTH = 32;

// With the u flag a pair is read as one astral code point, so only an unpaired half is a Cs code point.
const LONE_SURROGATE = /\p{Cs}/u;

/** Why a string cannot be stored or compared as text, if it cannot. */
export function unsafeTextReason(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain NUL (U+0000) characters';
  if (LONE_SURROGATE.test(value)) return 'must not contain unpaired UTF-16 surrogates';
  return undefined;
}

/** `events.0.eventId` style, as class-validator names nested fields; `root` for the value itself. */
function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/**
 * The problems of a parsed JSON value (or a query object), iteratively (a recursive walk would be
 * the very stack overflow it guards against). `root` names the value itself when it is too deep or
 * is itself a bad string; `depth` counts objects and arrays, the outermost being 1.
 */
export function inputProblems(value: unknown, root: string, maxDepth = MAX_BODY_DEPTH): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length > 0 && problems.length < 20) {
    const item = stack.pop() as { value: unknown; path: string; depth: number };
    const field = item.path === '' ? root : item.path;
    if (typeof item.value === 'string') {
      const reason = unsafeTextReason(item.value);
      if (reason) problems.push({ field, message: `${field} ${reason}` });
      continue;
    }
    if (typeof item.value !== 'object' || item.value === null) continue;
    const depth = item.depth + 1;
    if (depth > maxDepth) return [{ field: root, message: `${root} must not be nested more than ${maxDepth} levels deep` }];
    for (const [key, child] of Object.entries(item.value)) {
      const keyReason = unsafeTextReason(key);
      if (keyReason) {
        problems.push({ field: join(item.path, JSON.stringify(key)), message: `${field} has a property name that ${keyReason}` });
        continue;
      }
      stack.push({ value: child, path: join(item.path, key), depth });
    }
  }
  return problems;
}

interface HookRequest {
  body?: unknown;
  query?: unknown;
}

/** Fastify preValidation hook: throws 400 `validation-failed` naming every bad field of the query and body. */
export async function refuseUnsafeInput(request: HookRequest): Promise<void> {
  const problems = [...inputProblems(request.query, 'query'), ...inputProblems(request.body, 'body')];
  if (problems.length > 0) throw invalidFields(problems);
}
