/**
 * The usage chart's data: the API's series and the tenant's limits mapped onto plot coordinates,
 * with a horizontal line where the limit is. Pure, unit-tested; the SVG component only draws it.
 */

export interface UsagePoint {
  windowStart: string;
  value: string;
}

export interface LimitValue {
  limit: number;
  mode: 'soft' | 'hard';
}

export interface TenantLimits {
  storage: LimitValue;
  users: LimitValue;
  bandwidth: LimitValue;
  apiCalls?: LimitValue;
}

const GB = 1e9;

/**
 * The limit a metric is held against, in the metric's own unit (limits are in GB for storage and
 * bandwidth, the metrics in bytes), or null when the metric has none.
 */
export function limitForMetric(metric: string, limits: TenantLimits | undefined): { value: number; mode: 'soft' | 'hard' } | null {
  if (!limits) return null;
  switch (metric) {
    case 'storage_bytes':
      return { value: limits.storage.limit * GB, mode: limits.storage.mode };
    case 'bandwidth_bytes':
      return { value: limits.bandwidth.limit * GB, mode: limits.bandwidth.mode };
    case 'active_users':
      return { value: limits.users.limit, mode: limits.users.mode };
    case 'api_calls':
      return limits.apiCalls ? { value: limits.apiCalls.limit, mode: limits.apiCalls.mode } : null;
    default:
      return null;
  }
}

export interface ChartBar {
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
  value: number;
  overLimit: boolean;
}

export interface ChartModel {
  width: number;
  height: number;
  bars: ChartBar[];
  /** y of the limit line, null without a limit. */
  limitY: number | null;
  /** The top of the scale (the largest value or the limit, whichever is higher). */
  max: number;
  empty: boolean;
}

/**
 * Bars over time, oldest left; the scale reaches the limit so its line is always visible; a window
 * over the limit is flagged. `label` shortens the window start for the granularity.
 */
export function chartModel(points: readonly UsagePoint[], limit: number | null, granularity: 'hour' | 'day' | 'month', size = { width: 640, height: 220 }): ChartModel {
  const sorted = [...points].sort((a, b) => a.windowStart.localeCompare(b.windowStart));
  const values = sorted.map((p) => Number(p.value)).map((v) => (Number.isFinite(v) ? v : 0));
  const max = Math.max(1, ...values, limit ?? 0) * 1.1;
  const slot = sorted.length > 0 ? size.width / sorted.length : size.width;
  const barWidth = Math.max(1, slot * 0.8);
  const bars = sorted.map((point, i) => {
    const value = values[i] ?? 0;
    const height = (value / max) * size.height;
    return { x: i * slot + (slot - barWidth) / 2, y: size.height - height, width: barWidth, height, label: windowLabel(point.windowStart, granularity), value, overLimit: limit !== null && value > limit };
  });
  return { width: size.width, height: size.height, bars, limitY: limit === null ? null : size.height - (limit / max) * size.height, max, empty: sorted.length === 0 };
}

export function windowLabel(iso: string, granularity: 'hour' | 'day' | 'month'): string {
  switch (granularity) {
    case 'hour':
      return `${iso.slice(5, 10)} ${iso.slice(11, 13)}h`;
    case 'day':
      return iso.slice(5, 10);
    case 'month':
      return iso.slice(0, 7);
  }
}
