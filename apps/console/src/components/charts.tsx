/**
 * Charts of the billing and analytics pages, drawn from the models in lib/insights: each is an
 * SVG image with a summary in words (its accessible name and caption), bars carrying a tooltip.
 */
import { Group, Table, Text } from '@mantine/core';
import { ReactNode } from 'react';
import { Distribution, distributionModel, GAINS, labelledBars, LOSSES, Movement, mrrMovementsModel, RevenueMonth } from '../lib/insights';

export const MOVEMENT_COLOURS: Record<Movement, string> = { new: '#2b8a3e', expansion: '#1c7ed6', reactivation: '#0c8599', contraction: '#e67700', churn: '#c92a2a' };

/** A horizontally scrolling table that keyboard users can reach (axe: scrollable-region-focusable). */
export function ScrollTable({ label, minWidth = 640, nowrap = false, children }: { label: string; minWidth?: number; nowrap?: boolean; children: ReactNode }) {
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native" tabIndex={0} role="region" aria-label={`${label} (scrolls sideways)`}>
      <Table aria-label={label} striped style={nowrap ? { whiteSpace: 'nowrap' } : undefined}>
        {children}
      </Table>
    </Table.ScrollContainer>
  );
}

export function BarsChart({ values, summary, format, testId, labelEvery }: { values: { label: string; value: number }[]; summary: string; format: (v: number) => string; testId: string; labelEvery?: number }) {
  const model = labelledBars(values);
  const every = labelEvery ?? Math.max(1, Math.ceil(values.length / 8));
  return (
    <figure style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${model.width} ${model.height + 20}`} width="100%" role="img" aria-label={summary} data-testid={testId}>
        <rect x={0} y={0} width={model.width} height={model.height} fill="#f8f9fa" />
        {model.bars.map((bar, i) => (
          <rect key={`${i}-${bar.label}`} x={bar.x} y={bar.y} width={bar.width} height={bar.height} fill="#1c7ed6" data-testid={`${testId}-bar`} data-value={bar.value}>
            <title>{`${bar.label}: ${format(bar.value)}`}</title>
          </rect>
        ))}
        {model.bars.map((bar, i) =>
          i % every === 0 ? (
            <text key={`l-${i}-${bar.label}`} x={bar.x + bar.width / 2} y={model.height + 14} fontSize={11} textAnchor="middle" fill="#212529">
              {bar.label}
            </text>
          ) : null,
        )}
      </svg>
      <Text component="figcaption" size="sm">
        {values.length === 0 ? 'Nothing recorded in this range.' : summary}
      </Text>
    </figure>
  );
}

/** MRR movements per month (gains up, losses down) with the end MRR as a line, and a legend. */
export function MrrMovementsChart({ months, currency, format }: { months: RevenueMonth[]; currency: string; format: (v: number) => string }) {
  const model = mrrMovementsModel(months, currency);
  const last = model.months[model.months.length - 1];
  const first = model.months[0];
  const summary =
    first && last
      ? `MRR movements in ${currency}, ${model.months.length} months from ${first.month} to ${last.month}; MRR at the end ${format(last.endMrr)}, net movement of the last month ${format(last.net)}`
      : `No revenue in ${currency} in this range.`;
  const line = model.months.map((m) => `${m.lineX},${m.lineY}`).join(' ');
  return (
    <figure style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${model.width} ${model.height + 20}`} width="100%" role="img" aria-label={summary} data-testid="mrr-chart">
        <rect x={0} y={0} width={model.width} height={model.height} fill="#f8f9fa" />
        {model.months.flatMap((m) =>
          m.segments.map((s) => (
            <rect key={`${m.month}-${s.movement}`} x={s.x} y={s.y} width={s.width} height={s.height} fill={MOVEMENT_COLOURS[s.movement]} data-testid="mrr-segment" data-movement={s.movement} data-value={s.value}>
              <title>{`${m.month} ${s.movement}: ${format(s.value)}`}</title>
            </rect>
          )),
        )}
        <line x1={0} x2={model.width} y1={model.zeroY} y2={model.zeroY} stroke="#495057" strokeWidth={1} />
        {model.months.length > 1 && <polyline points={line} fill="none" stroke="#212529" strokeWidth={2} strokeDasharray="4 3" data-testid="mrr-line" />}
        {model.months.map((m) => (
          <circle key={`p-${m.month}`} cx={m.lineX} cy={m.lineY} r={3} fill="#212529">
            <title>{`${m.month} MRR at the end: ${format(m.endMrr)}`}</title>
          </circle>
        ))}
        {model.months.map((m, i) =>
          i % Math.max(1, Math.ceil(model.months.length / 8)) === 0 ? (
            <text key={`l-${m.month}`} x={m.lineX} y={model.height + 14} fontSize={11} textAnchor="middle" fill="#212529">
              {m.month}
            </text>
          ) : null,
        )}
      </svg>
      <Group gap="md" mt={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Legend">
        {[...GAINS, ...LOSSES].map((movement) => (
          <Group key={movement} gap={4} component="li">
            <span aria-hidden style={{ display: 'inline-block', width: 12, height: 12, background: MOVEMENT_COLOURS[movement] }} />
            <Text size="sm">{movement}</Text>
          </Group>
        ))}
        <Group gap={4} component="li">
          <span aria-hidden style={{ display: 'inline-block', width: 14, borderTop: '2px dashed #212529' }} />
          <Text size="sm">MRR at the end of the month</Text>
        </Group>
      </Group>
      <Text component="figcaption" size="sm">
        {summary}
      </Text>
    </figure>
  );
}

/** A p10–p90 whisker, p25–p75 box and median tick on a 0..max scale (the comparative page). */
export function DistributionStrip({ distribution, max, label, format }: { distribution: Distribution; max: number; label: string; format: (v: number) => string }) {
  const model = distributionModel(distribution, max, 200);
  if (!model) return <Text size="sm">no values</Text>;
  const d = distribution;
  const words = `${label}: p10 ${format(d.p10 ?? 0)}, p25 ${format(d.p25 ?? 0)}, median ${format(d.p50 ?? 0)}, p75 ${format(d.p75 ?? 0)}, p90 ${format(d.p90 ?? 0)} (${d.count} tenants)`;
  return (
    <svg viewBox="0 0 200 24" width={200} height={24} role="img" aria-label={words} data-testid="distribution">
      <title>{words}</title>
      <line x1={0} x2={200} y1={12} y2={12} stroke="#dee2e6" />
      <line x1={model.whisker[0]} x2={model.whisker[1]} y1={12} y2={12} stroke="#495057" strokeWidth={2} />
      <rect x={model.box[0]} y={5} width={Math.max(1, model.box[1] - model.box[0])} height={14} fill="#a5d8ff" stroke="#1864ab" />
      <line x1={model.median} x2={model.median} y1={3} y2={21} stroke="#212529" strokeWidth={3} />
    </svg>
  );
}

/** A score 0–100 as a horizontal bar coloured by band (0–50 red, 51–75 yellow, 76–100 green). */
export function ScoreBar({ score, label }: { score: number; label: string }) {
  const colour = score <= 50 ? '#c92a2a' : score <= 75 ? '#e67700' : '#2b8a3e';
  const width = Math.max(0, Math.min(100, score));
  return (
    <svg viewBox="0 0 100 10" width="100%" height={10} role="img" aria-label={`${label}: ${score} of 100`} preserveAspectRatio="none">
      <rect x={0} y={0} width={100} height={10} fill="#e9ecef" />
      <rect x={0} y={0} width={width} height={10} fill={colour} />
    </svg>
  );
}
