/** The OpenAPI 3.1 document of the public API, generated from the controllers and DTOs, served at /docs. */
import { INestApplication } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export const OPENAPI_JSON_PATH = '/docs/openapi.json';
const BEARER_SCHEME = 'apiKey';

type Json = unknown;

/** @nestjs/swagger still writes 3.0's `nullable: true`; 3.1 says it with a type list. */
function toOpenApi31(node: Json): Json {
  if (Array.isArray(node)) return node.map(toOpenApi31);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(node as Record<string, Json>)) out[key] = toOpenApi31(value);
  if (out['nullable'] === true) {
    delete out['nullable'];
    if (typeof out['type'] === 'string') out['type'] = [out['type'], 'null'];
  }
  return out;
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Tenantry platform API')
    .setDescription('The public API of the Tenantry control plane: tenants, their lifecycle and provisioning, API keys and the audit log. Errors are RFC 9457 problem details.')
    .setVersion('1.0.0')
    .setLicense('UNLICENSED', 'https://tenantry.dev/license')
    .addServer('/', 'This gateway')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'opaque API key', description: 'An API key, an opaque secret (not a JWT): `Authorization: Bearer <key>`' }, BEARER_SCHEME)
    .addSecurityRequirements(BEARER_SCHEME)
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    include: [],
    operationIdFactory: (_controller, method) => method,
  });
  // Only the public API: health and metrics are for the platform's probes, not for clients.
  document.paths = Object.fromEntries(Object.entries(document.paths).filter(([path]) => path.startsWith('/api/v1/platform')));
  return toOpenApi31(document) as OpenAPIObject;
}

export function mountOpenApi(app: NestFastifyApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', yamlDocumentUrl: 'docs/openapi.yaml', raw: ['json', 'yaml'] });
}
