/**
 * Starts OpenTelemetry. Import this module on the first line of every main.ts: the HTTP and pg
 * instrumentations patch modules as they are loaded, so nothing may load them earlier.
 * Kafka spans are made by libs/messaging itself, because the trace context of an event is the
 * one stored with its outbox row, not the relay's (see libs/messaging/README.md).
 */
import { loadConfigOrExit } from '@tenantry/config';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchSpanProcessor, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { TelemetryConfig } from './telemetry-config';

/** Spans still get real ids (for propagation and log correlation) when nothing exports them. */
const KEEP_IDS_ONLY: SpanProcessor = {
  onStart: () => undefined,
  onEnd: () => undefined,
  forceFlush: async () => undefined,
  shutdown: async () => undefined,
};

let sdk: NodeSDK | undefined;

export function startTelemetry(serviceName: string): void {
  if (sdk) return;
  const config = loadConfigOrExit(TelemetryConfig);
  if (config.TENANTRY_TRACING === 'off') return;
  const endpoint = config.OTEL_EXPORTER_OTLP_ENDPOINT;
  const processor = endpoint
    ? new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }))
    : KEEP_IDS_ONLY;
  sdk = new NodeSDK({
    serviceName: config.OTEL_SERVICE_NAME ?? serviceName,
    spanProcessors: [processor],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => /^\/(health|metrics)/.test(request.url ?? ''),
      }),
      new PgInstrumentation({ requireParentSpan: true }),
      new UndiciInstrumentation(),
    ],
  });
  sdk.start();
}
