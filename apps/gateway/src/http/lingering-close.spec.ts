import { createServer, request as httpRequest, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { lingerBeforeClose } from './lingering-close';

const LIMIT = 256 * 1024;

/** A server that answers 413 with `Connection: close` once more than LIMIT bytes of the body arrived, as the gateway's import route does. */
function limitServer(linger: boolean): Promise<Server> {
  const server = createServer((request, response) => {
    let bytes = 0;
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= LIMIT) return;
      request.off('data', onData);
      request.pause();
      if (linger) lingerBeforeClose(request, 2_000);
      response.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
      response.end(JSON.stringify({ status: 413 }));
    };
    request.on('data', onData);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * Streams 8 MB as fast as the socket takes it; resolves with the status (or the socket error that
 * came before it) and any socket error after it, 300 ms after the answer.
 */
function upload(port: number): Promise<{ status: number | string; errorAfter: string | undefined }> {
  return new Promise((resolve) => {
    let status: number | string | undefined;
    let errorAfter: string | undefined;
    const request = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/', agent: false }, (response) => {
      response.resume();
      response.on('end', () => {
        status = response.statusCode ?? 0;
        setTimeout(() => {
          request.destroy();
          resolve({ status: status ?? 0, errorAfter });
        }, 300);
      });
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (status !== undefined) errorAfter = error.code ?? error.message;
      else resolve({ status: error.code ?? error.message, errorAfter: undefined });
    });
    const chunk = Buffer.alloc(64 * 1024, 'x');
    Readable.from(
      (function* () {
        for (let i = 0; i < 128; i++) yield chunk;
      })(),
    ).pipe(request);
  });
}

describe('lingerBeforeClose', () => {
  let server: Server;

  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  // Without it the client's in-flight bytes meet a closed socket and the connection is reset: on an
  // idle machine after the answer was read (shown here), on a loaded one sometimes before (EPIPE
  // instead of the 413, as in CI).
  it('answers a client that is still sending and reads its in-flight bytes instead of resetting the connection', async () => {
    server = await limitServer(true);
    const { port } = server.address() as AddressInfo;
    const outcomes: { status: number | string; errorAfter: string | undefined }[] = [];
    for (let i = 0; i < 5; i++) outcomes.push(await upload(port));
    expect(outcomes).toEqual(Array.from({ length: 5 }, () => ({ status: 413, errorAfter: undefined })));
  });

  it('without it, the connection is reset under the client', async () => {
    server = await limitServer(false);
    const { port } = server.address() as AddressInfo;
    const outcome = await upload(port);
    expect(outcome.status === 'EPIPE' || outcome.status === 'ECONNRESET' || outcome.errorAfter !== undefined).toBe(true);
  });
});
