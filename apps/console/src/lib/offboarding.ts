/** Offboarding feedback (why a tenant leaves): the API's fixed reasons in words, and the form's body. */
import { OFFBOARDING_REASONS as API_REASONS, type OffboardingReason } from '@tenantry/health-api/offboarding-reasons';

/** The words the form shows for each reason: a reason the API adds (or drops) fails the console's typecheck until this follows. */
const REASON_WORDS: Record<OffboardingReason, string> = {
  'too-expensive': 'Too expensive',
  'missing-features': 'Missing features',
  'switched-provider': 'Switched to another provider',
  'poor-support': 'Poor support',
  performance: 'Performance',
  'no-longer-needed': 'No longer needed',
  'business-closed': 'Business closed',
  other: 'Other',
};

/** As the API takes them (`RecordOffboardingFeedbackDto.reason`, the one list in libs/health-api), in its order, each with its words. */
export const OFFBOARDING_REASONS = API_REASONS.map((value) => ({ value, label: REASON_WORDS[value] }));

export interface OffboardingFeedback {
  id: string;
  tenantId: string;
  reason: string;
  score: number;
  comment: string | null;
  createdAt: string;
}

/** The reason in words; one the console does not know yet as the API says it. */
export function reasonWords(reason: string): string {
  return OFFBOARDING_REASONS.find((r) => r.value === reason)?.label ?? reason;
}

/** Feedback is for a tenant on its way out: being offboarded, or gone (then read only: the API refuses writes on a deleted tenant). */
export function feedbackState(status: string): 'record' | 'read' | 'none' {
  if (status === 'offboarding') return 'record';
  if (status === 'deleted') return 'read';
  return 'none';
}

/**
 * The body of `POST …/offboarding-feedback`: an empty reason or score is sent as absent, so the API
 * names the field; a blank comment is left out.
 */
export function feedbackBody(form: { reason: string | null; score: number | string; comment: string }): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (form.reason) body['reason'] = form.reason;
  if (form.score !== '') body['score'] = typeof form.score === 'number' ? form.score : Number(form.score);
  if (form.comment.trim()) body['comment'] = form.comment.trim();
  return body;
}
