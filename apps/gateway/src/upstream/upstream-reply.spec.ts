import { Readable } from 'node:stream';
import { publicHeaders, ReplyLike, writeReply } from './upstream-reply';

describe(publicHeaders.name, () => {
  const sut = publicHeaders;

  it('rewrites Location from the internal API to the public one and keeps ETag', () => {
    expect(sut({ location: '/internal/v1/tenants/abc', etag: 'W/"3"', 'content-type': 'application/json' })).toEqual({
      location: '/api/v1/platform/tenants/abc',
      etag: 'W/"3"',
      'content-type': 'application/json',
    });
  });

  it('drops hop-by-hop and internal headers', () => {
    expect(sut({ connection: 'keep-alive', 'keep-alive': 'timeout=5', 'x-request-id': 'r', 'transfer-encoding': 'chunked' })).toEqual({});
  });
});

class RecordingReply implements ReplyLike {
  code?: number;
  readonly headers: Record<string, string> = {};
  sent?: unknown;

  status(code: number): this {
    this.code = code;
    return this;
  }

  header(name: string, value: string): this {
    this.headers[name] = value;
    return this;
  }

  send(body?: unknown): void {
    this.sent = body;
  }
}

describe(writeReply.name, () => {
  const sut = writeReply;

  it('streams a success through with its public headers, Content-Length included', () => {
    const reply = new RecordingReply();
    const body = Readable.from(['{"id":"a"}']);
    sut(reply, { status: 200, headers: { 'content-type': 'application/json', 'content-length': '10', etag: 'W/"2"', 'x-request-id': 'r' }, body }, '/api/v1/platform/tenants/a');
    expect(reply).toMatchObject({ code: 200, headers: { 'content-type': 'application/json', 'content-length': '10', etag: 'W/"2"' }, sent: body });
    expect(reply.headers).not.toHaveProperty('x-request-id');
  });

  it('gives a problem the public instance and lets Fastify count the changed body', () => {
    const reply = new RecordingReply();
    const problem = { type: 'https://tenantry.dev/problems/tenant-not-found', status: 404, instance: '/internal/v1/tenants/a' };
    sut(reply, { status: 404, headers: { 'content-type': 'application/problem+json', 'content-length': '99' }, body: JSON.stringify(problem) }, '/api/v1/platform/tenants/a?x=1');
    expect(reply.code).toBe(404);
    expect(reply.headers).toEqual({ 'content-type': 'application/problem+json' });
    expect(JSON.parse(reply.sent as string)).toEqual({ ...problem, instance: '/api/v1/platform/tenants/a?x=1' });
  });

  it('passes a problem that is not a JSON object as it came', () => {
    const reply = new RecordingReply();
    sut(reply, { status: 502, headers: { 'content-type': 'application/problem+json' }, body: 'oops' }, '/x');
    expect(reply.sent).toBe('oops');
  });

  it("serialises a document the gateway built, with the gateway's own headers last", () => {
    const reply = new RecordingReply();
    sut(reply, { status: 201, headers: { 'content-type': 'application/json', 'idempotent-replayed': 'no' }, body: { id: 'a' } }, '/x', { 'idempotent-replayed': 'true' });
    expect(reply).toMatchObject({ code: 201, headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' }, sent: '{"id":"a"}' });
  });

  it('sends no body with a 204 and drains the stream', () => {
    const reply = new RecordingReply();
    const body = Readable.from(['']);
    sut(reply, { status: 204, headers: {}, body }, '/x');
    expect(reply.code).toBe(204);
    expect(reply.sent).toBeUndefined();
    expect(body.readableFlowing).toBe(true);
  });
});
