/** Documents the problem responses of an operation in one line per handler. */
import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDto } from './problem.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request (`validation-failed`, `malformed-json`)',
  401: 'Missing, unknown or revoked API key (`unauthenticated`)',
  403: 'The key may not do this (`forbidden`), or the tenant is suspended (`tenant-suspended`)',
  404: 'No such tenant, or not one this key may see (`tenant-not-found`)',
  409: 'Conflict with the current state',
  412: 'If-Match is stale (`precondition-failed`)',
  422: 'Unknown plan (`unknown-plan`), or a tenant-admin key for a tenant that does not exist, is being offboarded or is deleted (`unknown-tenant`, naming `tenantId`)',
  429: 'The tenant used up its hard monthly API-call limit (`api-call-limit-exceeded`, with `limit`, `resetAt` and `Retry-After`)',
  503: 'A service behind the gateway is unavailable (`upstream-unavailable`)',
};

export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } } }),
    ),
  );
}
