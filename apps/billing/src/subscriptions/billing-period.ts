/**
 * Billing periods are UTC calendar months. Proration counts whole UTC days: a part of a period
 * starting on day d of a month of D days is (D − d + 1) / D of it (the start day counts).
 */
const DAY_MS = 86_400_000;

export function periodStartOf(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

export function periodEndOf(periodStart: Date): Date {
  return new Date(Date.UTC(periodStart.getUTCFullYear(), periodStart.getUTCMonth() + 1, 1));
}

export function daysInPeriod(periodStart: Date): number {
  return Math.round((periodEndOf(periodStart).getTime() - periodStart.getTime()) / DAY_MS);
}

function utcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/** Days of the period from the UTC day of `from` (inclusive) to the period's end; all of it when `from` is before it, 0 after it. */
export function daysFrom(periodStart: Date, from: Date): number {
  const end = periodEndOf(periodStart);
  const start = utcDay(from) < periodStart ? periodStart : utcDay(from);
  if (start >= end) return 0;
  return Math.round((end.getTime() - start.getTime()) / DAY_MS);
}

/** The UTC days of the period (their starts), in order. */
export function daysOfPeriod(periodStart: Date): Date[] {
  const days: Date[] = [];
  for (let day = periodStart, end = periodEndOf(periodStart); day < end; day = new Date(day.getTime() + DAY_MS)) days.push(day);
  return days;
}

/** The last instant of the UTC day that starts at `day`. */
export function endOfDay(day: Date): Date {
  return new Date(day.getTime() + DAY_MS - 1);
}

/** YYYY-MM-DD of a period start (the key usage totals and invoices use). */
export function periodKey(periodStart: Date): string {
  return periodStart.toISOString().slice(0, 10);
}

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}
