/**
 * Body validation for create and update. The DTOs take domain and plan as a string or an object,
 * like the registry's; the pipes add what a class cannot say: the body must be an object, and an
 * update must change something.
 */
import { Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { FieldProblem, fieldProblems, invalidFields } from '@tenantry/service';
import { CreateTenantDto, UPDATE_TENANT_FIELDS, UpdateTenantDto } from '@tenantry/tenant-api';
import { CreateTenantBody, UpdateTenantBody } from './dto/tenant-body.dto';

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates and returns the body as sent: the original is what gets forwarded. */
async function check<T extends object>(cls: new () => T, body: unknown, extra: (body: Record<string, unknown>) => FieldProblem[] = () => []): Promise<Record<string, unknown>> {
  if (!isPlainObject(body)) throw invalidFields([{ field: 'body', message: 'body must be a JSON object' }]);
  const problems = [...extra(body), ...fieldProblems(await validate(plainToInstance(cls, body), OPTIONS))];
  if (problems.length > 0) throw invalidFields(problems);
  return body;
}

@Injectable()
export class CreateTenantBodyPipe implements PipeTransform<unknown, Promise<CreateTenantBody>> {
  transform(body: unknown): Promise<CreateTenantBody> {
    return check(CreateTenantDto, body);
  }
}

@Injectable()
export class UpdateTenantBodyPipe implements PipeTransform<unknown, Promise<UpdateTenantBody>> {
  transform(body: unknown): Promise<UpdateTenantBody> {
    return check(UpdateTenantDto, body, (given) =>
      UPDATE_TENANT_FIELDS.some((field) => given[field] !== undefined) ? [] : [{ field: 'body', message: `give at least one of ${UPDATE_TENANT_FIELDS.join(', ')}` }],
    );
  }
}
