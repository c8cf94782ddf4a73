/** Runtime validation of event payloads against their catalogue classes. */
import 'reflect-metadata';
import './validation-cache';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { eventDefinition, EventName, EventPayload } from './catalogue';
import { checkUsageRecorded } from './events/usage.event';

/** Hand-written checks for the hot-path events, with the same verdicts as their classes' decorators. */
const FAST_CHECKS: Partial<Record<EventName, (value: Record<string, unknown>) => string[]>> = { UsageRecorded: checkUsageRecorded };

export class PayloadValidationError extends Error {
  constructor(
    readonly eventType: string,
    readonly problems: string[],
  ) {
    super(`invalid ${eventType} payload: ${problems.join('; ')}`);
    this.name = 'PayloadValidationError';
  }
}

function describe(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
    return [...own, ...describe(error.children ?? [], path)];
  });
}

/**
 * Turns untrusted JSON into a payload instance or throws PayloadValidationError. Unknown fields
 * are tolerated so that producers can add optional fields without breaking older consumers.
 */
export function validatePayload<N extends EventName>(type: N, value: unknown): EventPayload<N> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new PayloadValidationError(type, ['payload must be a JSON object']);
  }
  const fast = FAST_CHECKS[type];
  if (fast) {
    const problems = fast(value as Record<string, unknown>);
    if (problems.length > 0) throw new PayloadValidationError(type, problems);
    return value as EventPayload<N>;
  }
  const definition = eventDefinition(type);
  const instance = plainToInstance(definition.payload, value);
  const problems = describe(validateSync(instance, { forbidUnknownValues: true }));
  if (problems.length > 0) throw new PayloadValidationError(type, problems);
  return instance;
}
