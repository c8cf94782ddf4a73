/**
 * The public API takes JSON in UTF-8 (application/json, or application/merge-patch+json) and nothing else (but for the unsubscribe link's one-click form post). Any other media type (a form-encoded body,
 * text, XML), a charset other than UTF-8 or a byte-order mark is refused with 415
 * `unsupported-media-type` before any route sees it; JSON that does not parse, or bytes that are not
 * UTF-8, are 400 `malformed-json`; an empty body is no body. Fastify 5 names its parse error
 * FST_ERR_CTP_INVALID_JSON_BODY, which the chassis filter would answer as a generic `bad-request`,
 * so the gateway wraps Fastify's own secure parser and raises the problems itself.
 */
import { COMMON_PROBLEMS } from '@tenantry/service';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

type Done = (error: Error | null, body?: unknown) => void;

/** The one route whose body is a file (CSV, NDJSON or a JSON array), streamed through unread: POST /tenants/{id}/imports. */
const IMPORT_UPLOAD = /^\/api\/v1\/platform\/tenants\/[^/?]+\/imports\/?(\?|$)/;
/** What an import upload's Content-Type is switched to before parsing, so no parser reads it; the original is kept in IMPORT_MEDIA_HEADER. */
const IMPORT_UPLOAD_MARKER = 'application/vnd.tenantry.import-upload';
export const IMPORT_MEDIA_HEADER = 'x-tenantry-import-media-type';

export function isImportUpload(method: string, url: string): boolean {
  return method === 'POST' && IMPORT_UPLOAD.test(url);
}

/** The one route that takes a form post (RFC 8058 one-click unsubscribe). */
export const UNSUBSCRIBE_PATH = '/api/v1/platform/unsubscribe';

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const BYTE_ORDER_MARKS = [Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([0xfe, 0xff]), Buffer.from([0xff, 0xfe])];

function unsupported(what: string): Error {
  return COMMON_PROBLEMS['unsupported-media-type'](`Request bodies are application/json (or application/merge-patch+json) in UTF-8; this one is ${what}.`);
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
  // application/merge-patch+json (RFC 7396, PATCH /tenants/{id}/configuration) is JSON under the same rules.
  fastify.addContentTypeParser(['application/json', 'application/merge-patch+json'], { parseAs: 'buffer' }, (request, body: Buffer, done: Done) => {
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
  // One exception: the unsubscribe link's one-click POST (RFC 8058) is a form post by the mail client,
  // `List-Unsubscribe=One-Click`. Its authority is the token in the URL, not the body, which is ignored.
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (request, _body: string, done: Done) => {
    if ((request.url.split('?')[0] ?? '') === UNSUBSCRIBE_PATH) done(null, undefined);
    else done(unsupported('application/x-www-form-urlencoded'));
  });
  // An import upload is a file of up to IMPORT_MAX_BYTES: no parser may read it. Its media type is put
  // aside (the route checks it) and the body is left to the route, which streams request.raw onwards.
  fastify.addHook('onRequest', (request, _reply, next) => {
    const contentType = request.headers['content-type'];
    if (contentType !== undefined && isImportUpload(request.method, request.url)) {
      request.headers[IMPORT_MEDIA_HEADER] = contentType;
      request.headers['content-type'] = IMPORT_UPLOAD_MARKER;
    }
    next();
  });
  fastify.addContentTypeParser(IMPORT_UPLOAD_MARKER, (request, _payload, done: Done) => {
    if (isImportUpload(request.method, request.url) && request.headers[IMPORT_MEDIA_HEADER] !== undefined) done(null, undefined);
    else done(unsupported(IMPORT_UPLOAD_MARKER));
  });
  fastify.addContentTypeParser('*', (request, _payload, done: Done) => {
    const contentType = request.headers['content-type'];
    done(unsupported(contentType ? (contentType.split(';')[0] ?? contentType).trim() : 'without a Content-Type'));
  });
}
