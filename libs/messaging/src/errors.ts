/** How a handler tells the consumer what kind of failure it hit. */

/** The message can never succeed (bad data, broken invariant): dead-letter it at once. */
export class NonRetryableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NonRetryableError';
  }
}

const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P02', '57P03', '53300', '40001', '40P01']);

/**
 * Infrastructure failures (database unreachable, restarting, deadlock) say nothing about the
 * message: the consumer waits them out instead of counting them towards dead-lettering.
 */
export function isTransientInfrastructureError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (TRANSIENT_CODES.has(code) || code.startsWith('08'))) return true;
  // TypeORM releases a query runner whose connection emitted an error (the server went away
  // between two statements of a transaction); its next statement then fails with one of these.
  const { name } = error as { name?: unknown };
  if (name === 'QueryRunnerAlreadyReleasedError' || name === 'QueryRunnerProviderAlreadyReleasedError') return true;
  return typeof message === 'string' && /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(message);
}
