/**
 * The administration forms' logic: a bulk job's request from the form (with the JSON fields checked
 * before anything is sent), the maintenance window's request, and where the API's field errors land.
 */

export const BULK_ACTIONS = ['change-plan', 'set-limits', 'suspend', 'reactivate', 'patch-configuration', 'schedule-maintenance', 'notify-admins'] as const;
export type BulkActionType = (typeof BULK_ACTIONS)[number];

export interface BulkJobForm {
  selectionMode: 'filter' | 'list';
  status: string;
  plan: string;
  q: string;
  tenantIds: string;
  action: BulkActionType;
  targetPlan: string;
  limits: string;
  reason: string;
  patch: string;
  startsAt: string;
  endsAt: string;
  subject: string;
  message: string;
}

export const EMPTY_BULK_FORM: BulkJobForm = {
  selectionMode: 'filter',
  status: '',
  plan: '',
  q: '',
  tenantIds: '',
  action: 'patch-configuration',
  targetPlan: '',
  limits: '{\n  "users": { "limit": 10, "mode": "hard" }\n}',
  reason: '',
  patch: '{\n  "theme": "dark"\n}',
  startsAt: '',
  endsAt: '',
  subject: '',
  message: '',
};

/** The API's field names (as its problem+json names them) → the form's fields. */
export const BULK_FIELD_ALIASES: Record<string, string> = {
  'selection.filter.status': 'status',
  'selection.filter.plan': 'plan',
  'selection.filter.q': 'q',
  'selection.filter': 'status',
  'selection.tenantIds': 'tenantIds',
  selection: 'tenantIds',
  'action.type': 'action',
  'action.plan': 'targetPlan',
  'action.limits': 'limits',
  'action.reason': 'reason',
  'action.patch': 'patch',
  'action.startsAt': 'startsAt',
  'action.endsAt': 'endsAt',
  'action.subject': 'subject',
  'action.message': 'message',
};
export const BULK_FORM_FIELDS = ['status', 'plan', 'q', 'tenantIds', 'action', 'targetPlan', 'limits', 'reason', 'patch', 'startsAt', 'endsAt', 'subject', 'message'] as const;

export type Built = { ok: true; body: Record<string, unknown> } | { ok: false; errors: Record<string, string> };

function jsonObject(text: string, field: string, errors: Record<string, string>): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    errors[field] = 'Must be a JSON object ({ … })';
  } catch {
    errors[field] = 'Not valid JSON';
  }
  return undefined;
}

/** A `datetime-local` value (the browser's local time) as an ISO instant; empty stays undefined. */
export function localDateTimeToIso(value: string): string | undefined {
  if (!value.trim()) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The body of POST /bulk-jobs from the form, or the form's errors (nothing is sent then). */
export function buildBulkJobRequest(form: BulkJobForm, dryRun: boolean): Built {
  const errors: Record<string, string> = {};
  let selection: Record<string, unknown>;
  if (form.selectionMode === 'list') {
    const ids = form.tenantIds
      .split(/[\s,;]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (ids.length === 0) errors['tenantIds'] = 'Name at least one tenant id';
    selection = { tenantIds: [...new Set(ids)] };
  } else {
    const filter = Object.fromEntries(
      Object.entries({ status: form.status, plan: form.plan, q: form.q })
        .map(([k, v]) => [k, v.trim()])
        .filter(([, v]) => v !== ''),
    );
    selection = { filter };
  }
  const action: Record<string, unknown> = { type: form.action };
  switch (form.action) {
    case 'change-plan':
      if (!form.targetPlan.trim()) errors['targetPlan'] = 'Name the plan';
      action['plan'] = form.targetPlan.trim();
      break;
    case 'set-limits':
      action['limits'] = jsonObject(form.limits, 'limits', errors);
      break;
    case 'suspend':
      if (form.reason.trim()) action['reason'] = form.reason.trim();
      break;
    case 'patch-configuration':
      action['patch'] = jsonObject(form.patch, 'patch', errors);
      break;
    case 'schedule-maintenance': {
      const startsAt = localDateTimeToIso(form.startsAt);
      const endsAt = localDateTimeToIso(form.endsAt);
      if (!endsAt) errors['endsAt'] = 'Say when the window ends';
      if (startsAt && endsAt && startsAt >= endsAt) errors['endsAt'] = 'Must be after the start';
      if (startsAt) action['startsAt'] = startsAt;
      action['endsAt'] = endsAt;
      if (form.reason.trim()) action['reason'] = form.reason.trim();
      break;
    }
    case 'notify-admins':
      if (!form.subject.trim()) errors['subject'] = 'Write a subject';
      if (!form.message.trim()) errors['message'] = 'Write a message';
      action['subject'] = form.subject.trim();
      action['message'] = form.message.trim();
      break;
    case 'reactivate':
      // Nothing beyond the type.
      break;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, body: { selection, action, dryRun } };
}

/** The selection in words, for the confirmation: "every tenant with status active and plan pro" / "3 listed tenants". */
export function describeSelection(form: BulkJobForm): string {
  if (form.selectionMode === 'list') {
    const count = new Set(form.tenantIds.split(/[\s,;]+/).filter(Boolean)).size;
    return `${count} listed tenant${count === 1 ? '' : 's'}`;
  }
  const parts = [form.status.trim() && `status ${form.status.trim()}`, form.plan.trim() && `plan ${form.plan.trim()}`, form.q.trim() && `matching "${form.q.trim()}"`].filter(Boolean);
  return parts.length === 0 ? 'every tenant' : `every tenant with ${parts.join(' and ')}`;
}

export interface MaintenanceForm {
  scope: 'global' | 'plan' | 'tenant';
  planId: string;
  tenantId: string;
  emergency: boolean;
  startsAt: string;
  durationMinutes: number | string;
  reason: string;
}

export const MAINTENANCE_FORM_FIELDS = ['scope', 'planId', 'tenantId', 'startsAt', 'durationSeconds', 'endsAt', 'reason', 'emergency'] as const;

/** The body of POST /maintenance from the form, or the form's errors. */
export function buildMaintenanceRequest(form: MaintenanceForm): Built {
  const errors: Record<string, string> = {};
  const body: Record<string, unknown> = { scope: form.scope, reason: form.reason.trim() };
  if (!form.reason.trim()) errors['reason'] = 'Say why (callers are told)';
  if (form.scope === 'plan') {
    if (!form.planId.trim()) errors['planId'] = 'Name the plan';
    body['planId'] = form.planId.trim();
  }
  if (form.scope === 'tenant') {
    if (!form.tenantId.trim()) errors['tenantId'] = 'Name the tenant id';
    body['tenantId'] = form.tenantId.trim();
  }
  if (form.emergency) body['emergency'] = true;
  else {
    const startsAt = localDateTimeToIso(form.startsAt);
    if (!startsAt) errors['startsAt'] = 'Say when it starts, or declare an emergency';
    body['startsAt'] = startsAt;
  }
  const minutes = Number(form.durationMinutes);
  if (!Number.isInteger(minutes) || minutes < 1) errors['durationSeconds'] = 'A whole number of minutes, at least 1';
  body['durationSeconds'] = minutes * 60;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, body };
}
