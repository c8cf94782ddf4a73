/** Documents the problem responses of an operation in one line per handler. */
import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDto } from './problem.dto';

/** Headers of a 429 (draft-ietf-httpapi-ratelimit-headers for the rate limits). */
const TOO_MANY_HEADERS = {
  'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } },
  RateLimit: { description: 'Per policy: calls left (`r`) and seconds until its bucket is full again (`t`); also on every checked answer', schema: { type: 'string' } },
  'RateLimit-Policy': { description: 'Per policy (`key`, `tenant`, `address`): the burst (`q`) and the seconds it takes to refill (`w`)', schema: { type: 'string' } },
};

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request (`validation-failed`, `malformed-json`)',
  402: 'The payment provider declined the card (`card-declined`, with `declineCode`)',
  401: 'Missing, unknown or revoked API key (`unauthenticated`)',
  403: 'The key may not do this (`forbidden`), or the tenant is suspended (`tenant-suspended`)',
  404: 'No such tenant, or not one this key may see (`tenant-not-found`)',
  409: 'Conflict with the current state',
  412: 'If-Match is stale (`precondition-failed`)',
  413: 'The upload is over a limit: `import-too-large` (`limit: "bytes"`, `max`), `import-too-many-rows` (`limit: "rows"`, `max`)',
  415: 'The body is of a media type this operation does not take (`unsupported-media-type`)',
  422: 'Unknown plan (`unknown-plan`), a tenant-admin key for a tenant that does not exist, is being offboarded or is deleted (`unknown-tenant`, naming `tenantId`), or an Idempotency-Key already used to pay another invoice (`idempotency-key-reused`)',
  429: 'Too many requests: the request rate of the key, its tenant or (without a valid key) the source address is over its limit (`rate-limited`, with `policy`, `Retry-After`, `RateLimit` and `RateLimit-Policy`); or the tenant used up its hard monthly API-call limit (`api-call-limit-exceeded`, with `limit`, `resetAt` and `Retry-After`)',
  503: 'A service behind the gateway is unavailable (`upstream-unavailable`)',
};

export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
        ...(status === 429 ? { headers: TOO_MANY_HEADERS } : {}),
      }),
    ),
  );
}
