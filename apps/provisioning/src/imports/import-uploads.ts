/**
 * The one route whose body is not JSON: an import file, which the gateway sends as
 * application/octet-stream. The parser leaves it unread (no body: the controller reads the raw
 * request stream, so Fastify's body limit does not apply and the use case counts bytes against
 * IMPORT_MAX_BYTES itself); on any other route the media type stays refused.
 */
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { COMMON_PROBLEMS } from '@tenantry/service';

const IMPORT_UPLOAD = /^\/internal\/v1\/tenants\/[^/?]+\/imports(\?|$)/;

export function useImportUploads(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addContentTypeParser('application/octet-stream', (request, _payload, done) => {
      if (request.method === 'POST' && IMPORT_UPLOAD.test(request.url)) done(null, undefined);
      else done(COMMON_PROBLEMS['unsupported-media-type']('Only an import upload is application/octet-stream.'), undefined);
    });
}
