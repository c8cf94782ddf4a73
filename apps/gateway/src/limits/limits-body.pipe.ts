/**
 * Takes a limits body at the door only when it is a JSON object; its fields (object or the product
 * description's plain form, `meters` included) are checked by SetLimitsUseCase, which also asks
 * metering whether the meters exist, so that every bad field is named in one answer, once.
 */
import { Injectable, PipeTransform } from '@nestjs/common';
import { invalidFields } from '@tenantry/service';

/** The body as the client sent it (not the class, so the chassis' global ValidationPipe does not run twice). */
export type LimitsBody = Record<string, unknown>;

@Injectable()
export class LimitsBodyPipe implements PipeTransform<unknown, LimitsBody> {
  transform(body: unknown): LimitsBody {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidFields([{ field: 'body', message: 'body must be a JSON object' }]);
    return body as LimitsBody;
  }
}
