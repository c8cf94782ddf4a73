// defineProblems: a declared problem leaves the service in the RFC 9457 shape, under https://tenantry.dev/problems/<code>.
import { ArgumentsHost, NotFoundException } from '@nestjs/common';
import type { Logger } from '@tenantry/observability';
import { COMMON_PROBLEMS, defineProblems, invalidField, ProblemDetailsFilter, ProblemException } from './problem-details';

const LOGGER = { error: () => undefined } as unknown as Logger;

function answer(exception: unknown): { status: number; contentType: string; body: Record<string, unknown> } {
  const sent = { status: 0, contentType: '', body: {} as Record<string, unknown> };
  const reply = {
    status: (code: number) => ((sent.status = code), reply),
    header: (_name: string, value: string) => ((sent.contentType = value), reply),
    send: (body: Record<string, unknown>) => void (sent.body = body),
  };
  const host = { switchToHttp: () => ({ getResponse: () => reply, getRequest: () => ({ url: '/tenants/1' }) }) } as unknown as ArgumentsHost;
  new ProblemDetailsFilter(LOGGER).catch(exception, host);
  return sent;
}

describe(defineProblems.name, () => {
  const sut = defineProblems({ 'slug-taken': { status: 409, title: 'The slug is already taken' } });

  it('makes problems of the declared code, status and title, with their extensions as members', () => {
    const problem = sut['slug-taken']('The slug acme is already taken', { slug: 'acme' });
    expect(problem).toBeInstanceOf(ProblemException);
    const { code, type, status, title } = sut['slug-taken'];
    expect({ code, type, status, title }).toEqual({ code: 'slug-taken', type: 'https://tenantry.dev/problems/slug-taken', status: 409, title: 'The slug is already taken' });
    expect(answer(problem)).toEqual({
      status: 409,
      contentType: 'application/problem+json',
      body: { type: 'https://tenantry.dev/problems/slug-taken', title: 'The slug is already taken', status: 409, detail: 'The slug acme is already taken', slug: 'acme', instance: '/tenants/1' },
    });
  });

  it('reports a field found invalid after the DTO checks as validation-failed naming it', () => {
    expect(answer(invalidField('cursor', 'is not a cursor')).body).toEqual({
      type: 'https://tenantry.dev/problems/validation-failed',
      title: 'Your request is not valid',
      status: 400,
      detail: '1 field(s) are invalid',
      errors: [{ field: 'cursor', message: 'is not a cursor' }],
      instance: '/tenants/1',
    });
  });

  it("reports Nest's own HTTP errors under the common type of their status", () => {
    expect(answer(new NotFoundException('Cannot GET /x')).body).toMatchObject({ type: COMMON_PROBLEMS['not-found'].type, title: 'Not found', status: 404 });
  });
});
