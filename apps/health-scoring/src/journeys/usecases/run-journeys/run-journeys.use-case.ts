/**
 * The clock-driven journeys, as of the injected clock (run by the journeys scheduler):
 * - success check-ins: a tenant green for HEALTH_SUCCESS_CHECKIN_DAYS since its last success
 *   check-in (for the first: since it turned green) gets an operator task and RetentionCheckInDue
 *   (`success`); a tenant leaving green restarts the count when it is green again;
 * - win-back: HEALTH_WINBACK_DELAY_DAYS after a tenant was removed, WinBackDue — unless it was
 *   removed for abuse or a non-payment write-off (then it is marked skipped with the reason and
 *   nothing is published). Each tenant's win-back is decided once.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@tenantry/messaging';
import { tenantScope, Transactions } from '@tenantry/persistence';
import { HealthScoringConfig } from '../../../health-scoring.config';
import { JourneysRepository, WinBackCandidate } from '../../journeys.repository';
import { excludesWinBack } from '../../onboarding-checklist';
import { RunJourneysCommand } from './run-journeys.command';

const DAY_MS = 86_400_000;
const BATCH = 500;

export function winBackExclusion(candidate: WinBackCandidate): string | null {
  if (candidate.writtenOff) return 'non-payment write-off (dunning reached written_off)';
  if (excludesWinBack(candidate.removalReason)) return `removed: ${candidate.removalReason}`;
  if (excludesWinBack(candidate.suspendedReason)) return `suspended: ${candidate.suspendedReason}`;
  return null;
}

@Injectable()
export class RunJourneysUseCase {
  constructor(
    private readonly journeys: JourneysRepository,
    private readonly outbox: OutboxWriter,
    private readonly transactions: Transactions,
    private readonly config: HealthScoringConfig,
  ) {}

  async execute(command: RunJourneysCommand): Promise<{ successCheckIns: number; winBacks: number; skipped: number }> {
    const { now } = command;
    let successCheckIns = 0;
    for (;;) {
      const due = await this.journeys.successCheckInsDue(new Date(now.getTime() - this.config.HEALTH_SUCCESS_CHECKIN_DAYS * DAY_MS), BATCH);
      for (const tenantId of due) {
        await this.transactions.run(async (tx) => {
          const scope = tenantScope(tenantId);
          await this.journeys.lockTenant(tx, scope);
          const id = randomUUID();
          const slot = now.toISOString().slice(0, 10);
          await this.journeys.markSuccessCheckIn(tx, scope, now);
          if (!(await this.journeys.addCheckIn(tx, { id, tenantId, kind: 'success', status: 'open', reasons: [], details: [], dueAt: now, completedAt: null, completedBy: null, note: null }, `success:${tenantId}:${slot}`))) return;
          await this.outbox.publish(tx, 'RetentionCheckInDue', { tenantId, checkInId: id, kind: 'success', at: now.toISOString() });
          successCheckIns += 1;
        });
      }
      if (due.length < BATCH) break;
    }

    let winBacks = 0;
    let skipped = 0;
    for (;;) {
      const due = await this.journeys.winBacksDue(new Date(now.getTime() - this.config.HEALTH_WINBACK_DELAY_DAYS * DAY_MS), BATCH);
      for (const candidate of due) {
        await this.transactions.run(async (tx) => {
          const scope = tenantScope(candidate.tenantId);
          await this.journeys.lockTenant(tx, scope);
          const exclusion = winBackExclusion(candidate);
          if (!(await this.journeys.markWinBack(tx, scope, exclusion ? `skipped: ${exclusion}` : 'sent', now))) return;
          if (exclusion) {
            skipped += 1;
            return;
          }
          const feedback = (await this.journeys.offboardingFeedback(tx, scope))[0];
          await this.outbox.publish(tx, 'WinBackDue', {
            tenantId: candidate.tenantId,
            removedAt: candidate.removedAt.toISOString(),
            delayDays: this.config.HEALTH_WINBACK_DELAY_DAYS,
            ...(feedback ? { feedbackReason: feedback.reason } : {}),
            at: now.toISOString(),
          });
          winBacks += 1;
        });
      }
      if (due.length < BATCH) break;
    }
    return { successCheckIns, winBacks, skipped };
  }
}
