/**
 * The operator console (apps/console, a single-page app) as static files under /console: its assets
 * as they are, and index.html for every other path below /console so a shared link such as
 * /console/tenants?status=active opens the right page. The console talks to /api/v1/platform like any
 * other client; nothing here touches the API's routes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

export const CONSOLE_PREFIX = '/console';

/** The build's console: dist/console, beside dist/apps (this file is dist/apps/gateway/src/console.js). */
export function defaultConsoleDir(): string {
  return resolve(__dirname, '..', '..', '..', 'console');
}

/** The console's own content security policy: its scripts and styles only, API calls to this origin. */
const CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

export async function mountConsole(app: NestFastifyApplication, directory: string | undefined): Promise<void> {
  const root = directory && directory.length > 0 ? resolve(directory) : defaultConsoleDir();
  const fastify = app.getHttpAdapter().getInstance();
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) {
    fastify.get(`${CONSOLE_PREFIX}*`, async (_request, reply) =>
      reply
        .code(404)
        .type('application/problem+json')
        .send({ type: 'about:blank', title: 'Not Found', status: 404, detail: `The console is not built (no ${indexFile}): run node tools/build.mjs.` }),
    );
    return;
  }
  const index = readFileSync(indexFile);
  const sendIndex = (_request: unknown, reply: { code(n: number): { header(k: string, v: string): { type(t: string): { send(b: Buffer): unknown } } } }) =>
    reply.code(200).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(index);
  await app.register(fastifyStatic as never, {
    root: join(root, 'assets'),
    prefix: `${CONSOLE_PREFIX}/assets/`,
    decorateReply: false,
    index: false,
    immutable: true,
    maxAge: '365d',
  });
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (request.url === CONSOLE_PREFIX || request.url.startsWith(`${CONSOLE_PREFIX}/`) || request.url.startsWith(`${CONSOLE_PREFIX}?`)) {
      void reply.header('content-security-policy', CONSOLE_CSP);
    }
    return payload;
  });
  fastify.get(CONSOLE_PREFIX, sendIndex as never);
  fastify.get(`${CONSOLE_PREFIX}/*`, (request, reply) => {
    if (request.url.startsWith(`${CONSOLE_PREFIX}/assets/`)) return reply.code(404).type('application/problem+json').send({ type: 'about:blank', title: 'Not Found', status: 404 });
    return sendIndex(request, reply as never);
  });
}
