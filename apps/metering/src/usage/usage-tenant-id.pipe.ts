/** The `:id` of a tenant route: a UUID, or 400 naming `id`. */
import { Injectable, PipeTransform } from '@nestjs/common';
import { fieldProblem } from './usage.problems';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class TenantIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw fieldProblem('id', 'must be a UUID');
    return value.toLowerCase();
  }
}
