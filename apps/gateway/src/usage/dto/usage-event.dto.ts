/**
 * Usage events as clients send them. Only their shape is checked at the gateway (and, for a batch,
 * only that it is a list of objects): metering judges each event on its own and answers per event.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { METRIC_NOT_WRITABLE, PLATFORM_MEASURED_METRICS } from '@tenantry/usage-api';
import { IsDefined, IsObject, IsOptional, IsString, ValidateBy, ValidationOptions } from 'class-validator';

/** The most events one batch may carry (metering's own bound). */
export const MAX_BATCH_EVENTS = 1_000;

const code = (name: string) => `\`${name}\``;
/** The metrics a client may record (metering's catalogue, less what the platform measures). */
const CLIENT_METRICS = ['api_calls', 'bandwidth_bytes', 'concurrent_connections'].map(code).join(', ');
/** Why the others are refused, for every key and role alike. */
export const MEASURED_METRICS_NOTE = `${PLATFORM_MEASURED_METRICS.map(code).join(', ')} are measured by the platform itself and rejected here with \`${METRIC_NOT_WRITABLE}\`, whatever the key`;

function IsStringOrNumber(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isStringOrNumber', validator: { validate: (value: unknown) => typeof value === 'string' || typeof value === 'number', defaultMessage: () => '$property must be a decimal string or a number' } },
    options,
  );
}

export class TenantUsageEventDto {
  @ApiProperty({
    example: 'req-7f9c-0001',
    description: "Your id for the event: the deduplication key among the tenant's events sent through this API (1–200 characters). The platform's own measurements have ids of their own, so no id you choose can take theirs",
  })
  @IsString()
  eventId!: string;

  @ApiProperty({ example: 'api_calls', description: `The metrics clients may send: ${CLIENT_METRICS}. ${MEASURED_METRICS_NOTE}` })
  @IsString()
  metric!: string;

  @ApiProperty({
    oneOf: [{ type: 'string', pattern: '^\\d{1,30}(\\.\\d{1,12})?$' }, { type: 'integer', minimum: 0 }],
    example: '12.5',
    description: 'A non-negative decimal string, or a safe integer',
  })
  @IsDefined()
  @IsStringOrNumber()
  quantity!: string | number;

  @ApiProperty({ format: 'date-time', example: '2026-11-28T10:15:00Z', description: 'When it happened, ISO 8601 with a zone' })
  @IsString()
  timestamp!: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { region: 'eu-west' }, description: 'String, number or boolean values' })
  @IsOptional()
  @IsObject()
  properties?: Record<string, unknown>;
}

export class UsageEventDto extends TenantUsageEventDto {
  @ApiProperty({ format: 'uuid' })
  tenantId!: string;
}

/** Documents the batch body; the body itself is checked by `UsageBatchBodyPipe`, not by class-validator per event. */
export class UsageBatchDto {
  @ApiProperty({ type: [UsageEventDto], minItems: 1, maxItems: MAX_BATCH_EVENTS })
  events!: UsageEventDto[];
}

/** A batch body once its shape is known good: a list of 1–1,000 JSON objects. */
export interface UsageBatchBody {
  events: Record<string, unknown>[];
}
