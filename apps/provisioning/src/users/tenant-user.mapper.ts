/** TenantUser → the JSON the internal API answers (and the gateway passes on). */
import { TenantUser } from './tenant-user';

export interface TenantUserView {
  id: string;
  email: string;
  role: string;
  status: string;
  invitationExpiresAt: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export function toTenantUserView(user: TenantUser): TenantUserView {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    status: user.status,
    invitationExpiresAt: user.invitationExpiresAt?.toISOString() ?? null,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}
