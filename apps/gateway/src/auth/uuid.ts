/** UUID syntax (any version), as path ids must be, and the pipe that enforces it. */
import { invalidFields } from '@tenantry/service';
import { Injectable, PipeTransform } from '@nestjs/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Anything but a UUID is a 400 naming the parameter, and is never forwarded. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUuid(value)) throw invalidFields([{ field: 'id', message: 'id must be a UUID' }]);
    return value.toLowerCase();
  }
}
