/** A plan id route parameter: the catalogue's id syntax, or 400 validation-failed naming planId. */
import { Injectable, PipeTransform } from '@nestjs/common';
import { PLAN_ID_PATTERN } from '@tenantry/billing-api';
import { invalidField } from '@tenantry/service';

@Injectable()
export class PlanIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!PLAN_ID_PATTERN.test(value)) throw invalidField('planId', 'planId must be lower case letters, digits and -, starting with a letter');
    return value;
  }
}
