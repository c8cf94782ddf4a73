/** The input every service refuses before a route sees it: too deep a body, NUL and unpaired surrogates anywhere in the body or query. */
import { ProblemException } from './problem-details';
import { inputProblems, MAX_BODY_DEPTH, refuseUnsafeInput, unsafeTextReason } from './request-input';

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level += 1) value = level % 2 === 0 ? [value] : { a: value };
  return value;
}

describe('unsafeTextReason', () => {
  it('takes any well-formed text without NUL, astral characters and other controls included', () => {
    expect(['', 'Acme', '😀 Acme', '\u0001\t\n', '\uFFFD', '株式会社'].map(unsafeTextReason)).toEqual(Array(6).fill(undefined));
  });

  it.each([
    ['a NUL', 'a\u0000b', 'NUL'],
    ['a lone high surrogate', 'a\ud800', 'surrogate'],
    ['a lone low surrogate', '\udc00a', 'surrogate'],
    ['surrogates in the wrong order', '\ude00\ud83d', 'surrogate'],
  ])('refuses %s', (_what, value, reason) => {
    expect(unsafeTextReason(value)).toContain(reason);
  });
});

describe('inputProblems', () => {
  it('finds nothing in ordinary bodies and queries', () => {
    expect(inputProblems({ name: 'Acme', plan: { id: 'starter' }, events: [{ eventId: 'e1', quantity: 2 }], ok: true, none: null }, 'body')).toEqual([]);
    expect(inputProblems(undefined, 'body')).toEqual([]);
    expect(inputProblems({ q: 'acme', tags: ['a', 'b'] }, 'query')).toEqual([]);
  });

  it('names each bad string by its path, array indexes included', () => {
    const problems = inputProblems({ name: 'a\u0000', configuration: { theme: '\ud800' }, events: [{ eventId: 'ok' }, { eventId: 'x\u0000' }] }, 'body');
    expect(problems.map((problem) => problem.field).sort()).toEqual(['configuration.theme', 'events.1.eventId', 'name']);
    expect(problems.find((problem) => problem.field === 'name')?.message).toBe('name must not contain NUL (U+0000) characters');
  });

  it('names the root when the value itself is a bad string', () => {
    expect(inputProblems('\u0000', 'body').map((problem) => problem.field)).toEqual(['body']);
  });

  it('refuses a property name holding NUL', () => {
    expect(inputProblems({ nested: { 'k\u0000': 1 } }, 'body')).toHaveLength(1);
  });

  it(`takes ${MAX_BODY_DEPTH} levels and refuses one more, naming the root`, () => {
    expect(inputProblems(nested(MAX_BODY_DEPTH), 'body')).toEqual([]);
    expect(inputProblems(nested(MAX_BODY_DEPTH + 1), 'body')).toEqual([{ field: 'body', message: `body must not be nested more than ${MAX_BODY_DEPTH} levels deep` }]);
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    expect(inputProblems(nested(100_000), 'body')).toHaveLength(1);
  });
});

describe('refuseUnsafeInput', () => {
  it('throws one validation-failed problem naming the fields of the query and the body', async () => {
    const error = await refuseUnsafeInput({ query: { q: 'a\u0000' }, body: { reason: '\udfff' } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProblemException);
    const problem = error as ProblemException;
    expect([problem.code, problem.getStatus()]).toEqual(['validation-failed', 400]);
    expect((problem.extensions['errors'] as { field: string }[]).map((e) => e.field)).toEqual(['q', 'reason']);
  });

  it('lets good input through', async () => {
    await expect(refuseUnsafeInput({ query: { limit: '5' }, body: { name: 'Acme' } })).resolves.toBeUndefined();
  });
});
