/** Stored scores to the API's DTOs. */
import { HealthHistoryDto, TenantHealthViewDto } from '@tenantry/health-api';
import { ChurnEpisode, HistoryEntry, StoredScore } from '../projection/health.repository';
import { componentScores } from './usecases/recompute-health/recompute-health.use-case';

export function toHealthView(tenantId: string, score: StoredScore, churn: readonly ChurnEpisode[]): TenantHealthViewDto {
  const { detail } = score;
  return {
    tenantId,
    overall: score.overall,
    band: score.band,
    components: detail.components,
    withoutData: detail.withoutData,
    explanation: detail.explanation,
    alerts: detail.alerts,
    churnRisk: churn.map((episode) => ({ reason: episode.reason, detail: episode.detail, since: episode.openedAt.toISOString() })),
    computedAt: score.computedAt.toISOString(),
  };
}

export function toHealthHistory(tenantId: string, entries: readonly HistoryEntry[]): HealthHistoryDto {
  return {
    tenantId,
    history: entries.map((entry) => ({ at: new Date(entry.at).toISOString(), overall: entry.overall, band: entry.band, components: componentScores(entry.detail) as Record<string, number> })),
  };
}
