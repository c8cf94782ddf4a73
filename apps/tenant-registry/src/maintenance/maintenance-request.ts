/** The body of POST /maintenance, checked by hand (each bad field named). Pure. */
import { MAINTENANCE_SCOPES, MaintenanceScope } from '@tenantry/contracts';
import { FieldProblem, invalidFields } from '@tenantry/service';

export interface MaintenanceRequest {
  scope: MaintenanceScope;
  planId: string | null;
  tenantId: string | null;
  /** `null` with `emergency: true`: starts now. */
  startsAt: Date | null;
  endsAt: Date;
  reason: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const PLAN_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
/** A window longer than this is a mistake, not maintenance. */
const MAX_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

function instant(value: unknown, field: string, problems: FieldProblem[]): Date | null {
  if (typeof value !== 'string' || !INSTANT.test(value) || Number.isNaN(Date.parse(value))) {
    problems.push({ field, message: 'must be an ISO 8601 date-time with a zone' });
    return null;
  }
  return new Date(value);
}

export function parseMaintenanceRequest(body: unknown, now: Date): MaintenanceRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidFields([{ field: 'body', message: 'must be a JSON object' }]);
  const value = body as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(value)) if (!['scope', 'planId', 'tenantId', 'startsAt', 'endsAt', 'durationSeconds', 'emergency', 'reason'].includes(key)) problems.push({ field: key, message: 'is not a known property' });
  const scope = value['scope'];
  if (typeof scope !== 'string' || !(MAINTENANCE_SCOPES as readonly string[]).includes(scope)) problems.push({ field: 'scope', message: `must be one of ${MAINTENANCE_SCOPES.join(', ')}` });
  let planId: string | null = null;
  let tenantId: string | null = null;
  if (scope === 'plan') {
    if (typeof value['planId'] !== 'string' || !PLAN_ID.test(value['planId'])) problems.push({ field: 'planId', message: 'must be a plan id when scope is plan' });
    else planId = value['planId'];
  } else if (value['planId'] !== undefined) problems.push({ field: 'planId', message: 'is only for scope plan' });
  if (scope === 'tenant') {
    if (typeof value['tenantId'] !== 'string' || !UUID.test(value['tenantId'])) problems.push({ field: 'tenantId', message: 'must be a tenant id when scope is tenant' });
    else tenantId = value['tenantId'].toLowerCase();
  } else if (value['tenantId'] !== undefined) problems.push({ field: 'tenantId', message: 'is only for scope tenant' });
  const emergency = value['emergency'];
  if (emergency !== undefined && typeof emergency !== 'boolean') problems.push({ field: 'emergency', message: 'must be a boolean' });
  let startsAt: Date | null = null;
  if (emergency === true) {
    if (value['startsAt'] !== undefined) problems.push({ field: 'startsAt', message: 'an emergency starts now: leave startsAt out' });
  } else {
    startsAt = instant(value['startsAt'], 'startsAt', problems);
    if (startsAt && startsAt.getTime() < now.getTime() - 60_000) problems.push({ field: 'startsAt', message: 'must not be in the past (declare an emergency to start now)' });
  }
  const start = startsAt ?? now;
  let endsAt: Date | null = null;
  if (value['endsAt'] !== undefined && value['durationSeconds'] !== undefined) problems.push({ field: 'endsAt', message: 'give endsAt or durationSeconds, not both' });
  else if (value['durationSeconds'] !== undefined) {
    const seconds = value['durationSeconds'];
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1) problems.push({ field: 'durationSeconds', message: 'must be a positive integer' });
    else endsAt = new Date(start.getTime() + seconds * 1000);
  } else endsAt = instant(value['endsAt'], 'endsAt', problems);
  if (endsAt && endsAt.getTime() <= start.getTime()) problems.push({ field: value['durationSeconds'] !== undefined ? 'durationSeconds' : 'endsAt', message: 'must be after the start' });
  if (endsAt && endsAt.getTime() - start.getTime() > MAX_WINDOW_MS) problems.push({ field: value['durationSeconds'] !== undefined ? 'durationSeconds' : 'endsAt', message: 'a window lasts at most 7 days' });
  const reason = value['reason'];
  if (typeof reason !== 'string' || reason.trim().length === 0 || reason.length > 500) problems.push({ field: 'reason', message: 'must be a non-empty string of at most 500 characters' });
  if (problems.length > 0 || !endsAt) throw invalidFields(problems);
  return { scope: scope as MaintenanceScope, planId, tenantId, startsAt, endsAt, reason: (reason as string).trim() };
}
