/**
 * The tenant's users on the internal API (/internal/v1/tenants/:id/users), for the gateway only.
 * A caller bound to a tenant (a tenant admin, or an impersonation of one) reaches only its own:
 * another tenant's users are "not found", whatever the gateway let through.
 */
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { Caller, COMMON_PROBLEMS, FieldProblem, invalidFields, InternalCaller, recordedActor, UuidParamPipe } from '@tenantry/service';
import { TENANT_USER_ROLES } from '@tenantry/contracts';
import { toTenantUserView, TenantUserView } from './tenant-user.mapper';
import { EMAIL_PATTERN, UsersLimit } from './tenant-user';
import { DisableUserUseCase } from './usecases/disable-user/disable-user.use-case';
import { InviteUserCommand } from './usecases/invite-user/invite-user.command';
import { InviteUserUseCase } from './usecases/invite-user/invite-user.use-case';
import { ListUsersUseCase } from './usecases/list-users/list-users.use-case';
import { RecordLoginUseCase } from './usecases/record-login/record-login.use-case';

function ownTenant(caller: InternalCaller, tenantId: string): void {
  if (caller.tenantId !== null && caller.tenantId !== tenantId.toLowerCase()) throw COMMON_PROBLEMS['tenant-not-found'](`No tenant ${tenantId}.`);
}

function parseInvitation(body: unknown): { email: string; role: string; usersLimit: UsersLimit | null } {
  const input = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const errors: FieldProblem[] = [];
  const email = input['email'];
  const role = input['role'] ?? 'member';
  if (typeof email !== 'string' || email.length > 320 || !EMAIL_PATTERN.test(email)) errors.push({ field: 'email', message: 'email must be an e-mail address' });
  if (typeof role !== 'string' || !(TENANT_USER_ROLES as readonly string[]).includes(role)) errors.push({ field: 'role', message: `role must be one of ${TENANT_USER_ROLES.join(', ')}` });
  const limit = input['usersLimit'];
  let usersLimit: UsersLimit | null = null;
  if (limit !== undefined && limit !== null) {
    const l = limit as Record<string, unknown>;
    if (typeof l['limit'] !== 'number' || !Number.isInteger(l['limit']) || l['limit'] < 0 || (l['mode'] !== 'hard' && l['mode'] !== 'soft')) {
      errors.push({ field: 'usersLimit', message: 'usersLimit must be {limit: integer ≥ 0, mode: hard|soft}' });
    } else usersLimit = { limit: l['limit'], mode: l['mode'] };
  }
  if (errors.length > 0) throw invalidFields(errors);
  return { email: email as string, role: role as string, usersLimit };
}

@Controller('internal/v1/tenants/:id/users')
export class UsersController {
  constructor(
    private readonly inviteUser: InviteUserUseCase,
    private readonly listUsers: ListUsersUseCase,
    private readonly disableUser: DisableUserUseCase,
    private readonly recordLogin: RecordLoginUseCase,
  ) {}

  @Get()
  async list(@Param('id', UuidParamPipe) tenantId: string, @Caller() caller: InternalCaller): Promise<{ users: TenantUserView[] }> {
    ownTenant(caller, tenantId);
    return { users: (await this.listUsers.execute(tenantId)).map(toTenantUserView) };
  }

  /** 201 for a new user; 200 when a pending invitation was renewed and sent again. */
  @Post()
  async invite(@Param('id', UuidParamPipe) tenantId: string, @Body() body: unknown, @Caller() caller: InternalCaller, @Res({ passthrough: true }) reply: { status(code: number): unknown }): Promise<TenantUserView> {
    ownTenant(caller, tenantId);
    const { email, role, usersLimit } = parseInvitation(body);
    const stored = await this.inviteUser.execute(new InviteUserCommand(tenantId, email, role, usersLimit, recordedActor(caller)));
    reply.status(stored.renewed ? 200 : 201);
    return toTenantUserView(stored);
  }

  @Get(':userId')
  async get(@Param('id', UuidParamPipe) tenantId: string, @Param('userId', UuidParamPipe) userId: string, @Caller() caller: InternalCaller): Promise<TenantUserView> {
    ownTenant(caller, tenantId);
    return toTenantUserView(await this.listUsers.one(tenantId, userId));
  }

  @Delete(':userId')
  async disable(@Param('id', UuidParamPipe) tenantId: string, @Param('userId', UuidParamPipe) userId: string, @Caller() caller: InternalCaller): Promise<TenantUserView> {
    ownTenant(caller, tenantId);
    return toTenantUserView(await this.disableUser.execute(tenantId, userId, recordedActor(caller)));
  }

  @Post(':userId/logins')
  @HttpCode(200)
  async login(@Param('id', UuidParamPipe) tenantId: string, @Param('userId', UuidParamPipe) userId: string, @Caller() caller: InternalCaller): Promise<TenantUserView> {
    ownTenant(caller, tenantId);
    return toTenantUserView(await this.recordLogin.execute(tenantId, userId, recordedActor(caller)));
  }
}
