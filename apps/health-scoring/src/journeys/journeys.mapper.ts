/** Journeys as the internal API answers them (DTOs from libs/health-api). */
import { CheckInViewDto, OffboardingFeedbackViewDto } from '@tenantry/health-api';
import { CheckIn, OffboardingFeedback } from './journeys.repository';

export const toCheckInView = (c: CheckIn): CheckInViewDto => ({
  id: c.id,
  tenantId: c.tenantId,
  kind: c.kind,
  status: c.status,
  reasons: c.reasons,
  details: c.details,
  dueAt: c.dueAt.toISOString(),
  completedAt: c.completedAt?.toISOString() ?? null,
  note: c.note,
  completedBy: c.completedBy,
});

export const toOffboardingFeedbackView = (f: OffboardingFeedback): OffboardingFeedbackViewDto => ({
  id: f.id,
  tenantId: f.tenantId,
  reason: f.reason,
  score: f.score,
  comment: f.comment,
  createdAt: f.createdAt.toISOString(),
});
