/** Evaluates every tenant's current billing month (by the clock) against its limits. */
export class SweepLimitAlertsCommand {}
