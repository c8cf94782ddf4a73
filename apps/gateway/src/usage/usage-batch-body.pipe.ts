/**
 * The shape check of POST /usage/batch: `{events: [...]}` with 1–1,000 JSON objects. This is the
 * hot path of bulk ingestion, so events are not turned into classes and validated field by field
 * here; metering does that once and answers per event (or 400 naming `events.<i>.<field>`).
 */
import { Injectable, PipeTransform } from '@nestjs/common';
import { FieldProblem, invalidFields } from '@tenantry/service';
import { MAX_BATCH_EVENTS, UsageBatchBody } from './dto/usage-event.dto';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

@Injectable()
export class UsageBatchBodyPipe implements PipeTransform<unknown, UsageBatchBody> {
  transform(body: unknown): UsageBatchBody {
    if (!isPlainObject(body)) throw invalidFields([{ field: 'body', message: 'body must be a JSON object' }]);
    const problems: FieldProblem[] = Object.keys(body)
      .filter((field) => field !== 'events')
      .map((field) => ({ field, message: `property ${field} should not exist` }));
    const events = body['events'];
    if (!Array.isArray(events)) problems.push({ field: 'events', message: 'events must be an array' });
    else if (events.length < 1 || events.length > MAX_BATCH_EVENTS) problems.push({ field: 'events', message: `events must hold 1 to ${MAX_BATCH_EVENTS} events` });
    else events.forEach((event, index) => isPlainObject(event) || problems.push({ field: `events.${index}`, message: 'each event must be a JSON object' }));
    if (problems.length > 0) throw invalidFields(problems);
    return body as unknown as UsageBatchBody;
  }
}
