/** The one pipe for UUID route parameters: anything else is a 400 `validation-failed` naming the parameter. */
import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { invalidField } from './problem-details';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** UUID syntax, any version. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * Lowercases the id, since Postgres compares uuids case-insensitively but the wire, logs and keys
 * should carry one spelling. A non-UUID is refused here: it could never match, the cast in SQL would
 * fail, and a gateway must not forward it.
 */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (isUuid(value)) return value.toLowerCase();
    const property = metadata.data ?? 'id';
    throw invalidField(property, `${property} must be a UUID`);
  }
}
