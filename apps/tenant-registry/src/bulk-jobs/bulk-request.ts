/**
 * The body of POST /bulk-jobs, checked by hand into a typed request: every bad field is named with
 * its path (`action.type`, `selection.filter.status`, `action.limits.users.limit`, ...). Pure.
 */
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { TENANT_STATUSES, TenantStatus } from '@tenantry/contracts';
import { FieldProblem, fieldProblems, invalidFields } from '@tenantry/service';
import { normalizeLimitsBody, PlainLimit, TenantLimitsDto } from '@tenantry/tenant-api';

export const BULK_ACTION_TYPES = ['change-plan', 'set-limits', 'suspend', 'reactivate', 'patch-configuration', 'schedule-maintenance', 'notify-admins'] as const;
export type BulkActionType = (typeof BULK_ACTION_TYPES)[number];

/** The stored, validated form of an action. */
export type BulkAction =
  | { type: 'change-plan'; plan: string }
  | { type: 'set-limits'; limits: Record<string, unknown>; plain: PlainLimit[] }
  | { type: 'suspend'; reason: string | null }
  | { type: 'reactivate' }
  | { type: 'patch-configuration'; patch: Record<string, unknown> }
  | { type: 'schedule-maintenance'; startsAt: string | null; endsAt: string; reason: string }
  | { type: 'notify-admins'; subject: string; message: string };

export interface BulkFilter {
  status?: TenantStatus;
  plan?: string;
  q?: string;
}

export type BulkSelection = { filter: BulkFilter } | { tenantIds: string[] };

export interface BulkJobRequest {
  selection: BulkSelection;
  action: BulkAction;
  dryRun: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const PLAN_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const LIMIT_OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, field: string, max: number, problems: FieldProblem[], optional = false): string | null {
  if (value === undefined && optional) return null;
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > max) {
    problems.push({ field, message: `must be a non-empty string of at most ${max} characters` });
    return null;
  }
  return value.trim();
}

function unknownKeys(value: Record<string, unknown>, allowed: readonly string[], prefix: string, problems: FieldProblem[]): void {
  for (const key of Object.keys(value)) if (!allowed.includes(key)) problems.push({ field: `${prefix}${key}`, message: 'is not a known property' });
}

function isoInstant(value: unknown, field: string, problems: FieldProblem[]): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) {
    problems.push({ field, message: 'must be an ISO 8601 date-time with a zone' });
    return null;
  }
  return new Date(value).toISOString();
}

function parseSelection(value: unknown, maxTenants: number, problems: FieldProblem[]): BulkSelection | null {
  if (!isObject(value)) {
    problems.push({ field: 'selection', message: 'must be an object with either filter or tenantIds' });
    return null;
  }
  unknownKeys(value, ['filter', 'tenantIds'], 'selection.', problems);
  const hasFilter = value['filter'] !== undefined;
  const hasIds = value['tenantIds'] !== undefined;
  if (hasFilter === hasIds) {
    problems.push({ field: 'selection', message: 'must have exactly one of filter or tenantIds' });
    return null;
  }
  if (hasIds) {
    const ids = value['tenantIds'];
    if (!Array.isArray(ids) || ids.length === 0) {
      problems.push({ field: 'selection.tenantIds', message: 'must be a non-empty array of tenant ids' });
      return null;
    }
    if (ids.length > maxTenants) {
      problems.push({ field: 'selection.tenantIds', message: `must hold at most ${maxTenants} tenant ids` });
      return null;
    }
    const bad = ids.findIndex((id) => typeof id !== 'string' || !UUID.test(id));
    if (bad >= 0) {
      problems.push({ field: `selection.tenantIds.${bad}`, message: 'must be a UUID' });
      return null;
    }
    return { tenantIds: [...new Set((ids as string[]).map((id) => id.toLowerCase()))] };
  }
  const filter = value['filter'];
  if (!isObject(filter)) {
    problems.push({ field: 'selection.filter', message: 'must be an object (status, plan, q)' });
    return null;
  }
  unknownKeys(filter, ['status', 'plan', 'q'], 'selection.filter.', problems);
  const parsed: BulkFilter = {};
  if (filter['status'] !== undefined) {
    if (typeof filter['status'] !== 'string' || !(TENANT_STATUSES as readonly string[]).includes(filter['status'])) problems.push({ field: 'selection.filter.status', message: `must be one of ${TENANT_STATUSES.join(', ')}` });
    else parsed.status = filter['status'] as TenantStatus;
  }
  if (filter['plan'] !== undefined) {
    if (typeof filter['plan'] !== 'string' || !PLAN_ID.test(filter['plan'])) problems.push({ field: 'selection.filter.plan', message: 'must be a plan id' });
    else parsed.plan = filter['plan'];
  }
  if (filter['q'] !== undefined) {
    const q = text(filter['q'], 'selection.filter.q', 100, problems);
    if (q) parsed.q = q;
  }
  return { filter: parsed };
}

function parseAction(value: unknown, problems: FieldProblem[], now: Date): BulkAction | null {
  if (!isObject(value)) {
    problems.push({ field: 'action', message: 'must be an object with a type' });
    return null;
  }
  const type = value['type'];
  if (typeof type !== 'string' || !(BULK_ACTION_TYPES as readonly string[]).includes(type)) {
    problems.push({ field: 'action.type', message: `must be one of ${BULK_ACTION_TYPES.join(', ')}` });
    return null;
  }
  const before = problems.length;
  const only = (...keys: string[]) => unknownKeys(value, ['type', ...keys], 'action.', problems);
  let action: BulkAction | null = null;
  switch (type as BulkActionType) {
    case 'change-plan': {
      only('plan');
      const plan = value['plan'];
      if (typeof plan !== 'string' || !PLAN_ID.test(plan)) problems.push({ field: 'action.plan', message: 'must be a plan id' });
      else action = { type: 'change-plan', plan };
      break;
    }
    case 'set-limits': {
      only('limits');
      const limits = value['limits'];
      if (!isObject(limits)) {
        problems.push({ field: 'action.limits', message: 'must be an object of limits (storage, users, bandwidth, apiCalls)' });
        break;
      }
      const normalized = normalizeLimitsBody(limits);
      const dto = plainToInstance(TenantLimitsDto, normalized.body);
      const limitProblems = fieldProblems(validateSync(dto, LIMIT_OPTIONS), 'action.limits');
      if (limitProblems.length > 0) problems.push(...limitProblems);
      else action = { type: 'set-limits', limits: normalized.body, plain: normalized.plain };
      break;
    }
    case 'suspend': {
      only('reason');
      const reason = text(value['reason'], 'action.reason', 500, problems, true);
      action = { type: 'suspend', reason };
      break;
    }
    case 'reactivate':
      only();
      action = { type: 'reactivate' };
      break;
    case 'patch-configuration': {
      only('patch');
      const patch = value['patch'];
      if (!isObject(patch) || Object.keys(patch).length === 0) problems.push({ field: 'action.patch', message: 'must be a non-empty JSON merge patch object (RFC 7396)' });
      else action = { type: 'patch-configuration', patch };
      break;
    }
    case 'schedule-maintenance': {
      only('startsAt', 'endsAt', 'reason');
      const startsAt = value['startsAt'] === undefined ? null : isoInstant(value['startsAt'], 'action.startsAt', problems);
      const endsAt = isoInstant(value['endsAt'], 'action.endsAt', problems);
      const reason = text(value['reason'], 'action.reason', 500, problems);
      if (endsAt && Date.parse(endsAt) <= Math.max(now.getTime(), startsAt ? Date.parse(startsAt) : 0)) problems.push({ field: 'action.endsAt', message: 'must be in the future and after startsAt' });
      if (endsAt && reason) action = { type: 'schedule-maintenance', startsAt, endsAt, reason };
      break;
    }
    case 'notify-admins': {
      only('subject', 'message');
      const subject = text(value['subject'], 'action.subject', 200, problems);
      const message = text(value['message'], 'action.message', 5000, problems);
      if (subject && message) action = { type: 'notify-admins', subject, message };
      break;
    }
  }
  return problems.length > before ? null : action;
}

/** Validates the whole body; throws 400 validation-failed naming every bad field. */
export function parseBulkJobRequest(body: unknown, maxTenants: number, now: Date): BulkJobRequest {
  const problems: FieldProblem[] = [];
  if (!isObject(body)) throw invalidFields([{ field: 'body', message: 'must be a JSON object with selection and action' }]);
  unknownKeys(body, ['selection', 'action', 'dryRun'], '', problems);
  const selection = parseSelection(body['selection'], maxTenants, problems);
  const action = parseAction(body['action'], problems, now);
  const dryRun = body['dryRun'];
  if (dryRun !== undefined && typeof dryRun !== 'boolean') problems.push({ field: 'dryRun', message: 'must be a boolean' });
  if (problems.length > 0 || !selection || !action) throw invalidFields(problems.length > 0 ? problems : [{ field: 'body', message: 'is not valid' }]);
  return { selection, action, dryRun: dryRun === true };
}
