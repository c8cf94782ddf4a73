/** Offboarding feedback (why a tenant leaves): the API's fixed reasons in words, and the form's body. */

/** As the API takes them (`RecordOffboardingFeedbackDto.reason`), each with the words the form shows. */
export const OFFBOARDING_REASONS = [
  { value: 'too-expensive', label: 'Too expensive' },
  { value: 'missing-features', label: 'Missing features' },
  { value: 'switched-provider', label: 'Switched to another provider' },
  { value: 'poor-support', label: 'Poor support' },
  { value: 'performance', label: 'Performance' },
  { value: 'no-longer-needed', label: 'No longer needed' },
  { value: 'business-closed', label: 'Business closed' },
  { value: 'other', label: 'Other' },
] as const;

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
