/** A quiet logger for tests (warnings and errors still reach the console). */
import { createLogger, Logger } from '@tenantry/observability';

export function testLogger(name = 'test'): Logger {
  return createLogger(name, process.env['TEST_LOG_LEVEL'] ?? 'fatal');
}
