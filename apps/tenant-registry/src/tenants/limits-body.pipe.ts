/**
 * The limits body in either form — objects `{limit, mode}` or the product description's plain numbers
 * — validated with the same DTO as the gateway (each bad field named once), and the fields that came
 * as plain numbers, which keep the tenant's current mode.
 */
import { Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { fieldProblems, invalidFields } from '@tenantry/service';
import { normalizeLimitsBody, PlainLimit, TenantLimitsDto } from '@tenantry/tenant-api';

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

export interface LimitsRequest {
  limits: TenantLimitsDto;
  /** Given as plain numbers (`meters.<key>` for a meter): their mode stays what it is (soft when none is set). */
  plain: PlainLimit[];
}

@Injectable()
export class LimitsBodyPipe implements PipeTransform<unknown, Promise<LimitsRequest>> {
  async transform(body: unknown): Promise<LimitsRequest> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidFields([{ field: 'body', message: 'body must be a JSON object' }]);
    const normalized = normalizeLimitsBody(body as Record<string, unknown>);
    const limits = plainToInstance(TenantLimitsDto, normalized.body);
    const problems = fieldProblems(await validate(limits, OPTIONS));
    if (problems.length > 0) throw invalidFields(problems);
    return { limits, plain: normalized.plain };
  }
}
