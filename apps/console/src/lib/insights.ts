/**
 * Data mapping for the billing and analytics pages: percentages, percentiles, date ranges in the
 * URL, MRR movements and percentile distributions onto plot coordinates. Pure, unit-tested; the
 * SVG components only draw what these return.
 */
import type { Decimal } from './format';

const PERCENT = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** A share 0–1 as "42.5 %"; null as a dash. */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return `${PERCENT.format(share * 100)} %`;
}

/** A percentage as the API gives it (already × 100), signed for growth: 12.3 → "+12.3 %", -40 → "−40 %". */
export function formatGrowth(percent: number | null | undefined): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return '—';
  if (percent === 0) return '0 %';
  return `${percent > 0 ? '+' : '−'}${PERCENT.format(Math.abs(percent))} %`;
}

/** A percentile rank 0–100 as an ordinal: 1 → "1st", 42 → "42nd", 11 → "11th", 99.5 → "99.5th". */
export function formatPercentile(rank: number | null | undefined): string {
  if (rank === null || rank === undefined || !Number.isFinite(rank)) return '—';
  const rounded = Math.round(rank * 10) / 10;
  if (!Number.isInteger(rounded)) return `${PERCENT.format(rounded)}th`;
  const lastTwo = rounded % 100;
  const last = rounded % 10;
  const suffix = lastTwo >= 11 && lastTwo <= 13 ? 'th' : last === 1 ? 'st' : last === 2 ? 'nd' : last === 3 ? 'rd' : 'th';
  return `${rounded}${suffix}`;
}

/** Where a percentile rank stands among its plan's peers, in words (the risk indicators use ≤ 10). */
export function percentileBand(rank: number | null | undefined): 'bottom decile' | 'lower half' | 'upper half' | 'top decile' | 'unknown' {
  if (rank === null || rank === undefined || !Number.isFinite(rank)) return 'unknown';
  if (rank <= 10) return 'bottom decile';
  if (rank < 50) return 'lower half';
  if (rank < 90) return 'upper half';
  return 'top decile';
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * The analytics pages' range from the URL (`from`, `to` as YYYY-MM-DD, `plan`): what is there is
 * kept as typed (the API names a bad one), what is missing defaults to the last 30 UTC days.
 */
export function analyticsRange(params: URLSearchParams, now: Date = new Date()): { from: string; to: string; plan: string } {
  const to = params.get('to') || isoDay(now);
  const fallbackFrom = DAY.test(to) ? new Date(`${to}T00:00:00Z`) : now;
  const from = params.get('from') || isoDay(new Date(fallbackFrom.getTime() - 29 * 86_400_000));
  return { from, to, plan: params.get('plan') ?? '' };
}

/** The revenue page's months from the URL (YYYY-MM), the last 12 months by default. */
export function revenueRange(params: URLSearchParams, now: Date = new Date()): { from: string; to: string } {
  const to = params.get('to') || now.toISOString().slice(0, 7);
  let from = params.get('from');
  if (!from) {
    const base = MONTH.test(to) ? new Date(`${to}-01T00:00:00Z`) : now;
    from = new Date(Date.UTC(base.getUTCFullYear(), base.getUTCMonth() - 11, 1)).toISOString().slice(0, 7);
  }
  return { from, to };
}

// ---------------------------------------------------------------------------------------------
// MRR movements

export interface RevenueCurrencyMonth {
  currency: string;
  startMrr: Decimal;
  endMrr: Decimal;
  startArr?: Decimal;
  endArr?: Decimal;
  new: Decimal;
  expansion: Decimal;
  contraction: Decimal;
  churn: Decimal;
  reactivation: Decimal;
  payingAtEnd: number;
}
export interface RevenueMonth {
  month: string;
  currencies: RevenueCurrencyMonth[];
}

/** The movements that add MRR (drawn above the zero line) and those that take it away (below). */
export const GAINS = ['new', 'expansion', 'reactivation'] as const;
export const LOSSES = ['contraction', 'churn'] as const;
export type Movement = (typeof GAINS)[number] | (typeof LOSSES)[number];

export interface MovementSegment {
  movement: Movement;
  x: number;
  y: number;
  width: number;
  height: number;
  value: number;
}
export interface MovementMonth {
  month: string;
  segments: MovementSegment[];
  net: number;
  endMrr: number;
  /** The end-MRR line's point for the month. */
  lineX: number;
  lineY: number;
}
export interface MovementsModel {
  width: number;
  height: number;
  zeroY: number;
  months: MovementMonth[];
  gainsMax: number;
  lossesMax: number;
  mrrMax: number;
  empty: boolean;
}

/** The currencies a revenue report has, most frequent first (tenants are billed in their own; nothing is converted). */
export function revenueCurrencies(months: readonly RevenueMonth[]): string[] {
  const count = new Map<string, number>();
  for (const month of months) for (const c of month.currencies) count.set(c.currency, (count.get(c.currency) ?? 0) + 1);
  return [...count.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([currency]) => currency);
}

function num(value: Decimal | undefined): number {
  const n = Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
}

/**
 * MRR movements of one currency as stacked bars per month, oldest left: new, expansion and
 * reactivation stacked up from the zero line, contraction and churn down from it; the end MRR as a
 * line over its own scale (the bars' scale would flatten it). A month without the currency counts 0.
 */
export function mrrMovementsModel(months: readonly RevenueMonth[], currency: string, size = { width: 640, height: 240 }): MovementsModel {
  const sorted = [...months].sort((a, b) => a.month.localeCompare(b.month));
  const rows = sorted.map((m) => {
    const c = m.currencies.find((x) => x.currency === currency);
    return { month: m.month, values: Object.fromEntries([...GAINS, ...LOSSES].map((k) => [k, Math.abs(num(c?.[k]))])) as Record<Movement, number>, endMrr: num(c?.endMrr) };
  });
  const gainsMax = Math.max(0, ...rows.map((r) => GAINS.reduce((s, k) => s + r.values[k], 0)));
  const lossesMax = Math.max(0, ...rows.map((r) => LOSSES.reduce((s, k) => s + r.values[k], 0)));
  const mrrMax = Math.max(0, ...rows.map((r) => r.endMrr));
  // Gains get at least half the height when nothing was lost, losses at least a fifth when something was.
  const total = gainsMax + lossesMax;
  const zeroShare = total === 0 ? 0.8 : Math.min(0.8, Math.max(lossesMax > 0 ? 0.2 : 0.8, gainsMax / total));
  const zeroY = size.height * zeroShare;
  const upScale = gainsMax > 0 ? zeroY / (gainsMax * 1.1) : 0;
  const downScale = lossesMax > 0 ? (size.height - zeroY) / (lossesMax * 1.1) : 0;
  const slot = rows.length > 0 ? size.width / rows.length : size.width;
  const barWidth = Math.max(1, slot * 0.6);
  const out = rows.map((row, i) => {
    const x = i * slot + (slot - barWidth) / 2;
    const segments: MovementSegment[] = [];
    let top = zeroY;
    for (const movement of GAINS) {
      const height = row.values[movement] * upScale;
      if (row.values[movement] > 0) segments.push({ movement, x, y: top - height, width: barWidth, height, value: row.values[movement] });
      top -= height;
    }
    let bottom = zeroY;
    for (const movement of LOSSES) {
      const height = row.values[movement] * downScale;
      if (row.values[movement] > 0) segments.push({ movement, x, y: bottom, width: barWidth, height, value: -row.values[movement] });
      bottom += height;
    }
    const net = GAINS.reduce((s, k) => s + row.values[k], 0) - LOSSES.reduce((s, k) => s + row.values[k], 0);
    return { month: row.month, segments, net: Math.round(net * 100) / 100, endMrr: row.endMrr, lineX: i * slot + slot / 2, lineY: mrrMax > 0 ? size.height - (row.endMrr / (mrrMax * 1.1)) * size.height : size.height };
  });
  return { width: size.width, height: size.height, zeroY, months: out, gainsMax, lossesMax, mrrMax, empty: rows.length === 0 };
}

// ---------------------------------------------------------------------------------------------
// Labelled bars (analytics: API calls per day, per hour of day) and percentile distributions

export interface LabelledBar {
  label: string;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Bars in the order given, scaled to the largest value (or 1), each labelled. */
export function labelledBars(values: readonly { label: string; value: number }[], size = { width: 640, height: 200 }): { width: number; height: number; bars: LabelledBar[]; max: number } {
  const max = Math.max(1, ...values.map((v) => (Number.isFinite(v.value) ? v.value : 0)));
  const slot = values.length > 0 ? size.width / values.length : size.width;
  const barWidth = Math.max(1, slot * 0.8);
  const bars = values.map((v, i) => {
    const value = Number.isFinite(v.value) ? v.value : 0;
    const height = (value / (max * 1.05)) * size.height;
    return { label: v.label, value, x: i * slot + (slot - barWidth) / 2, y: size.height - height, width: barWidth, height };
  });
  return { width: size.width, height: size.height, bars, max };
}

/** Fills the days from..to that have no entry with zero, so a quiet day shows as a gap rather than vanishing. */
export function fillDays<T extends { day: string }>(days: readonly T[], from: string, to: string, value: (day: T) => number, maxDays = 400): { label: string; value: number }[] {
  if (!DAY.test(from) || !DAY.test(to) || from > to) return days.map((d) => ({ label: d.day, value: value(d) }));
  const byDay = new Map(days.map((d) => [d.day, value(d)]));
  const out: { label: string; value: number }[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`) && out.length < maxDays; t += 86_400_000) {
    const day = isoDay(new Date(t));
    out.push({ label: day, value: byDay.get(day) ?? 0 });
  }
  return out;
}

export interface Distribution {
  count: number;
  p10?: number | null;
  p25?: number | null;
  p50?: number | null;
  p75?: number | null;
  p90?: number | null;
}

/**
 * A distribution as a box on a horizontal scale 0..max: whiskers p10–p90, box p25–p75, the median
 * as a tick. Missing percentiles (no tenant has a value) give null.
 */
export function distributionModel(d: Distribution, max: number, width = 240): { whisker: [number, number]; box: [number, number]; median: number } | null {
  const { p10, p25, p50, p75, p90 } = d;
  if (d.count === 0 || p10 === null || p10 === undefined || p25 === null || p25 === undefined || p50 === null || p50 === undefined || p75 === null || p75 === undefined || p90 === null || p90 === undefined) return null;
  const scale = max > 0 ? width / max : 0;
  const x = (v: number) => Math.min(width, Math.max(0, v * scale));
  return { whisker: [x(p10), x(p90)], box: [x(p25), x(p75)], median: x(p50) };
}
