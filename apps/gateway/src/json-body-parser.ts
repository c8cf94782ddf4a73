/**
 * Malformed JSON bodies become 400 `malformed-json`; an empty body is no body. Fastify 5 names its parse error
 * FST_ERR_CTP_INVALID_JSON_BODY, which the chassis filter does not know yet (it would answer a
 * generic `bad-request`), so the gateway wraps Fastify's own secure parser and raises the problem itself.
 */
import { COMMON_PROBLEMS } from '@tenantry/service';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

type Done = (error: Error | null, body?: unknown) => void;

/** Call before listen: initialises the app first, because Nest installs its own JSON parser in init(). */
export async function useMalformedJsonProblem(app: NestFastifyApplication): Promise<void> {
  await app.init();
  const fastify = app.getHttpAdapter().getInstance();
  // Keeps Fastify's protection against __proto__ and constructor.prototype keys.
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done: Done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    // Clients often send the header on body-less POSTs (reactivate, retry): no body is no body.
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    void parse(request, text, (error: Error | null, value?: unknown) => {
      if (error) done(COMMON_PROBLEMS['malformed-json'](error.message));
      else done(null, value);
    });
  });
}
