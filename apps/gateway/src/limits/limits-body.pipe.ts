/**
 * Validates a limits body at the door, in the object form or the product description's plain form
 * (`{"storage": 10, "users": 5, "bandwidth": 100}`), naming every bad field once (`storage.limit`,
 * `apiCalls.mode`), and passes it on as sent: the registry gives plain fields their modes.
 */
import { Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { fieldProblems, invalidFields } from '@tenantry/service';
import { normalizeLimitsBody, TenantLimitsDto } from '@tenantry/tenant-api';

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

/** The body as the client sent it (not the class, so the chassis' global ValidationPipe does not run twice). */
export type LimitsBody = Record<string, unknown>;

@Injectable()
export class LimitsBodyPipe implements PipeTransform<unknown, Promise<LimitsBody>> {
  async transform(body: unknown): Promise<LimitsBody> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidFields([{ field: 'body', message: 'body must be a JSON object' }]);
    const problems = fieldProblems(await validate(plainToInstance(TenantLimitsDto, normalizeLimitsBody(body as LimitsBody).body), OPTIONS));
    if (problems.length > 0) throw invalidFields(problems);
    return body as LimitsBody;
  }
}
