/** The gateway's own problem types; the shared ones (validation-failed, malformed-json, tenant-not-found) are the chassis' COMMON_PROBLEMS. */
import { defineProblems } from '@tenantry/service';

export const GATEWAY_PROBLEMS = defineProblems({
  // Titles of their own: the gateway's callers authenticate with API keys.
  unauthenticated: { status: 401, title: 'A valid API key is required' },
  forbidden: { status: 403, title: 'Your API key may not do this' },
  'tenant-suspended': { status: 403, title: 'The tenant is suspended' },
  'api-key-not-found': { status: 404, title: 'API key not found' },
  'unknown-tenant': { status: 422, title: 'The tenant named in the request does not exist' },
  'idempotency-key-reused': { status: 409, title: 'This Idempotency-Key was used with a different request' },
  'idempotency-key-in-progress': { status: 409, title: 'A request with this Idempotency-Key is still in progress' },
  // The same type as provisioning's: the gateway counts the bytes first and cuts the upload off.
  'import-too-large': { status: 413, title: 'The import file is larger than the size limit' },
  'upstream-unavailable': { status: 503, title: 'A service behind the gateway is unavailable' },
  maintenance: { status: 503, title: 'The tenant is in a maintenance window' },
});
