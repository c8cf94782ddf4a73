/** Bars of a metric over time with a dashed line at the tenant's limit (drawn from chartModel). */
import { Text } from '@mantine/core';
import { chartModel, UsagePoint } from '../lib/chart';
import { formatMetric } from '../lib/format';

export function UsageChart({ metric, points, limit, granularity }: { metric: string; points: UsagePoint[]; limit: { value: number; mode: string } | null; granularity: 'hour' | 'day' | 'month' }) {
  const model = chartModel(points, limit?.value ?? null, granularity);
  const total = points.reduce((sum, p) => sum + Number(p.value || 0), 0);
  const summary = `${metric} per ${granularity}: ${points.length} windows, ${formatMetric(metric, total)} in all${limit ? `; ${limit.mode} limit ${formatMetric(metric, limit.value)}` : '; no limit'}`;
  return (
    <figure style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${model.width} ${model.height + 20}`} width="100%" role="img" aria-label={summary} data-testid="usage-chart">
        <rect x={0} y={0} width={model.width} height={model.height} fill="#f8f9fa" />
        {model.bars.map((bar) => (
          <g key={bar.label}>
            <rect x={bar.x} y={bar.y} width={bar.width} height={bar.height} fill={bar.overLimit ? '#e03131' : '#1c7ed6'} data-testid="usage-bar" data-value={bar.value}>
              <title>{`${bar.label}: ${formatMetric(metric, bar.value)}`}</title>
            </rect>
          </g>
        ))}
        {model.limitY !== null && <line x1={0} x2={model.width} y1={model.limitY} y2={model.limitY} stroke="#c92a2a" strokeDasharray="6 4" strokeWidth={2} data-testid="limit-line" />}
        {model.bars.length > 0 && (
          <>
            <text x={2} y={model.height + 14} fontSize={11}>{model.bars[0]?.label}</text>
            <text x={model.width - 2} y={model.height + 14} fontSize={11} textAnchor="end">{model.bars[model.bars.length - 1]?.label}</text>
          </>
        )}
      </svg>
      <Text component="figcaption" size="sm" data-testid="usage-summary">
        {model.empty ? `No ${metric} recorded in this range.` : summary}
      </Text>
    </figure>
  );
}
