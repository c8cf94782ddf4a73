/** The environment the telemetry bootstrap reads (through the config library, like everything else). */
import { IsIn, IsOptional, IsString, IsUrl } from 'class-validator';

export class TelemetryConfig {
  @IsOptional()
  @IsUrl({ require_tld: false }, { message: 'must be an http(s) URL of an OTLP/HTTP collector' })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string = undefined;

  @IsOptional()
  @IsString()
  OTEL_SERVICE_NAME?: string = undefined;

  @IsIn(['on', 'off'], { message: 'must be on or off' })
  TENANTRY_TRACING = 'on';
}
