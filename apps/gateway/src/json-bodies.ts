/**
 * The public API takes JSON in UTF-8 and nothing else. Any other media type (a form-encoded body,
 * text, XML), a charset other than UTF-8 or a byte-order mark is refused with 415
 * `unsupported-media-type` before any route sees it; JSON that does not parse, or bytes that are not
 * UTF-8, are 400 `malformed-json`; an empty body is no body. Fastify 5 names its parse error
 * FST_ERR_CTP_INVALID_JSON_BODY, which the chassis filter would answer as a generic `bad-request`,
 * so the gateway wraps Fastify's own secure parser and raises the problems itself.
 */
import { COMMON_PROBLEMS } from '@tenantry/service';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

type Done = (error: Error | null, body?: unknown) => void;

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const BYTE_ORDER_MARKS = [Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([0xfe, 0xff]), Buffer.from([0xff, 0xfe])];

function unsupported(what: string): Error {
  return COMMON_PROBLEMS['unsupported-media-type'](`Request bodies are application/json in UTF-8; this one is ${what}.`);
}

/** The charset parameter of a Content-Type, lower-cased, if it names one. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase();
}

/** The reason a JSON body's bytes are refused as a media type, if they are. */
export function refusedEncoding(contentType: string | undefined, body: Buffer): string | undefined {
  const charset = charsetOf(contentType);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return `in charset ${charset}`;
  if (BYTE_ORDER_MARKS.some((mark) => body.subarray(0, mark.length).equals(mark))) return 'prefixed with a byte-order mark';
  return undefined;
}

/** Call before listen: initialises the app first, because Nest installs its own parsers in init(). */
export async function useJsonBodies(app: NestFastifyApplication): Promise<void> {
  await app.init();
  const fastify = app.getHttpAdapter().getInstance();
  // Keeps Fastify's protection against __proto__ and constructor.prototype keys.
  const parse = fastify.getDefaultJsonParser('error', 'error');
  // Nest's form-encoded and text parsers go with the rest: a key created from a form post is a key created by a CSRF.
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body: Buffer, done: Done) => {
    const refused = refusedEncoding(request.headers['content-type'], body);
    if (refused) {
      done(unsupported(refused));
      return;
    }
    let text: string;
    try {
      text = UTF8.decode(body);
    } catch {
      done(COMMON_PROBLEMS['malformed-json']('The request body is not valid UTF-8'));
      return;
    }
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
  fastify.addContentTypeParser('*', (request, _payload, done: Done) => {
    const contentType = request.headers['content-type'];
    done(unsupported(contentType ? (contentType.split(';')[0] ?? contentType).trim() : 'without a Content-Type'));
  });
}
