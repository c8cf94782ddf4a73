/**
 * Recomputes one tenant's score — or many at once, with set-based reads and writes — as of `now`
 * inside the caller's transaction (with the tenants locked): stores it, appends it to the history when anything changed, publishes
 * TenantHealthChanged through the outbox when the band changed or the score moved by 5 or more
 * since the last one published, and raises each churn-risk reason once per episode
 * (ChurnRiskDetected), re-arming the reasons that no longer hold. A score drop is measured against
 * the peak of the last 30 days among scores of the same measured components: a component gaining
 * its first data (a new tenant's first invoice) is new information, not a decline.
 */
import { Injectable } from '@nestjs/common';
import { ChurnReason, EventPayload, HealthComponents } from '@tenantry/contracts';
import { OutboundEvent, OutboxWriter } from '@tenantry/messaging';
import { tenantScope, TenantScope, Transaction } from '@tenantry/persistence';
import { churnReasons, CHURN_SCORE_DROP_WINDOW_DAYS, riskOf } from '../../../churn/churn-rules';
import { HealthScoringConfig } from '../../../health-scoring.config';
import { gatherInputs } from '../../../projection/gather-inputs';
import { HealthRepository, RecomputeState, ScoreToSave, StoredScore } from '../../../projection/health.repository';
import { computeHealth, DAY_MS, HealthInputs, HealthScore } from '../../../scoring/health-score';
import { COMPONENTS, Weights } from '../../../scoring/weights';
import { RecomputeHealthCommand } from './recompute-health.command';

/** A score change this large (or a band change) is announced. */
export const ANNOUNCE_DELTA = 5;
/** How far back the projection's signals are read (open invoices, alerts, lifecycle). */
const SIGNAL_HORIZON_DAYS = 400;

@Injectable()
export class RecomputeHealthUseCase {
  private readonly weights: Weights;

  constructor(
    private readonly health: HealthRepository,
    private readonly outbox: OutboxWriter,
    config: HealthScoringConfig,
  ) {
    this.weights = config.weights();
  }

  async execute(command: RecomputeHealthCommand, tx: Transaction): Promise<HealthScore | null> {
    const [score] = await this.executeMany([command.tenantId], command.now, tx);
    return score ?? null;
  }

  /**
   * Recomputes each of `tenantIds` (distinct) as `execute` does one, with set-based reads and
   * writes: the tenants' inputs in a few queries, their scores and history in one statement each,
   * and their announcements in one outbox insert (each tenant's in the order `execute` would
   * publish them). Returns the scores in the order of `tenantIds`.
   */
  async executeMany(tenantIds: readonly string[], now: Date, tx: Transaction): Promise<(HealthScore | null)[]> {
    if (tenantIds.length === 0) return [];
    const sorted = [...tenantIds].sort();
    await this.health.lockTenants(tx, sorted);
    const states = await this.health.recomputeStates(tx, sorted, now, new Date(now.getTime() - SIGNAL_HORIZON_DAYS * DAY_MS), new Date(now.getTime() - CHURN_SCORE_DROP_WINDOW_DAYS * DAY_MS));
    const scores = new Map<string, HealthScore | null>();
    const saves: ScoreToSave[] = [];
    const events: OutboundEvent[] = [];
    for (const tenantId of sorted) {
      const state = states.get(tenantId) as RecomputeState;
      const inputs = gatherInputs(state.signals, state.usage, state.feedback, now);
      const score = computeHealth(inputs, this.weights);
      scores.set(tenantId, score);
      if (!score) continue;

      const previous = state.current;
      const announce = !previous || previous.publishedOverall === null || previous.publishedBand !== score.band || Math.abs(score.overall - previous.publishedOverall) >= ANNOUNCE_DELTA;
      const stored: StoredScore = {
        overall: score.overall,
        band: score.band,
        detail: score,
        computedAt: now,
        redSince: score.band !== 'red' ? null : previous?.band === 'red' && previous.redSince ? previous.redSince : now,
        publishedOverall: announce ? score.overall : (previous?.publishedOverall ?? null),
        publishedBand: announce ? score.band : (previous?.publishedBand ?? null),
      };
      const changed = !previous || previous.overall !== score.overall || previous.band !== score.band || fingerprint(previous.detail) !== fingerprint(score);
      saves.push({ tenantId, score: stored, appendHistory: changed });
      if (announce) {
        events.push({
          type: 'TenantHealthChanged',
          payload: {
            tenantId,
            overall: score.overall,
            band: score.band,
            ...(previous?.publishedOverall != null ? { previousOverall: previous.publishedOverall } : {}),
            ...(previous?.publishedBand ? { previousBand: previous.publishedBand } : {}),
            components: componentScores(score),
            at: now.toISOString(),
          },
        } as OutboundEvent);
      }
      const raised = await this.churn(tx, tenantScope(tenantId), score, stored, inputs, state, now);
      if (raised) events.push({ type: 'ChurnRiskDetected', payload: raised } as OutboundEvent);
    }
    await this.health.saveScores(tx, saves);
    await this.outbox.publishMany(tx, events);
    return tenantIds.map((id) => scores.get(id) ?? null);
  }

  /** Closes the episodes whose reason no longer holds and opens the newly raised ones; returns the ChurnRiskDetected to publish, if any. */
  private async churn(
    tx: Transaction,
    scope: TenantScope,
    score: HealthScore,
    stored: StoredScore,
    inputs: HealthInputs,
    state: RecomputeState,
    now: Date,
  ): Promise<EventPayload<'ChurnRiskDetected'> | null> {
    // The peak of the last 30 days among scores measured on the same components; the score being saved counts too.
    const peak = Math.max(score.overall, state.peaks.get(JSON.stringify(score.withoutData)) ?? 0);
    const holding = churnReasons({ overall: score.overall, band: score.band, peakLast30Days: peak, apiCalls: inputs.apiCalls, failedPayments: inputs.billing.failedAttempts, redSince: stored.redSince, now });
    const open = new Set(state.openEpisodes.map((episode) => episode.reason));
    const recovered = [...open].filter((reason) => !holding.has(reason));
    await this.health.closeEpisodes(tx, scope, recovered, now);
    const raised: [ChurnReason, string][] = [...holding].filter(([reason]) => !open.has(reason));
    if (raised.length === 0) return null;
    for (const [reason, detail] of raised) await this.health.openEpisode(tx, scope, reason, detail, now);
    return {
      tenantId: scope.tenantId,
      risk: riskOf(holding.size),
      reasons: raised.map(([reason]) => reason),
      details: raised.map(([, detail]) => detail),
      at: now.toISOString(),
    };
  }
}

export function componentScores(score: HealthScore): HealthComponents {
  const components: HealthComponents = {};
  for (const name of COMPONENTS) {
    const component = score.components[name];
    if (component) components[name] = component.score;
  }
  return components;
}

function fingerprint(score: HealthScore): string {
  return JSON.stringify(COMPONENTS.map((name) => [score.components[name]?.score ?? null, score.components[name]?.explanation ?? null]));
}
