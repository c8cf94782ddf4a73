/**
 * Replaces a tenant's limits: the body checked against the shared DTO and its meter keys against
 * metering's meters, every bad field in one 400, then stored by the registry (the owner of limits),
 * which announces TenantLimitsChanged.
 */
import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { fieldProblems, invalidFields } from '@tenantry/service';
import { normalizeLimitsBody, TenantLimitsDto } from '@tenantry/tenant-api';
import { UpstreamProxy, UpstreamReply } from '../../../upstream';
import { MeterKeys } from '../../meter-keys';
import { SetLimitsCommand } from './set-limits.command';

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

@Injectable()
export class SetLimitsUseCase {
  constructor(
    private readonly upstream: UpstreamProxy,
    private readonly meters: MeterKeys,
  ) {}

  async execute(command: SetLimitsCommand): Promise<UpstreamReply> {
    const problems = fieldProblems(await validate(plainToInstance(TenantLimitsDto, normalizeLimitsBody(command.body).body), OPTIONS));
    const check = await this.meters.undefinedIn(command.caller, command.body);
    if ('reply' in check) return check.reply;
    // A key the DTO refused (bad form, a fixed field's meter) is not looked up, so each field is named once.
    problems.push(...check.problems);
    if (problems.length > 0) throw invalidFields(problems);
    return this.upstream.forward(command.caller, { upstream: 'tenant-registry', method: 'PUT', path: `/internal/v1/tenants/${command.tenantId}/limits`, body: command.body });
  }
}
