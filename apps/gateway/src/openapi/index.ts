// OpenAPI helpers and the document builder.
export { ApiProblems } from './api-responses';
export { ProblemDto } from './problem.dto';
export { buildOpenApiDocument, mountOpenApi, OPENAPI_JSON_PATH } from './openapi-document';
