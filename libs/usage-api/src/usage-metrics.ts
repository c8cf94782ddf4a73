/**
 * Which metrics clients may send. The platform measures some metrics itself (metering's resource
 * collectors); nobody may write those through the ingestion API, whatever the key's role, or a
 * tenant could overwrite or pre-empt the readings it is billed and limited on.
 */

/** Measured by the platform only; the ingestion API rejects them with `metric-not-writable`. */
export const PLATFORM_MEASURED_METRICS = ['storage_bytes', 'database_bytes', 'active_users'] as const;

/** The rejection reason of an event naming a metric the platform measures. */
export const METRIC_NOT_WRITABLE = 'metric-not-writable';
