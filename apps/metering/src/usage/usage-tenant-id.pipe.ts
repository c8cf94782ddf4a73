/** The `:id` of a tenant route: a UUID, or 400 naming `id`. */
import { invalidField } from '@tenantry/service';
import { Injectable, PipeTransform } from '@nestjs/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class TenantIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw invalidField('id', 'must be a UUID');
    return value.toLowerCase();
  }
}
