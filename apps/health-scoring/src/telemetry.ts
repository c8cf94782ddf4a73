// Must stay the first import of main.ts: instrumentation has to patch http and pg before they load.
import { startTelemetry } from '@tenantry/observability/tracing';

startTelemetry('health-scoring');
