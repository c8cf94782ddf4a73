/**
 * The tenant's users in the tenant's own database and schema (the baseline's `users` table), always
 * reached as the tenant's role: a query here cannot see another tenant's rows, whatever it says.
 */
import { Client, PoolClient } from 'pg';
import { PgTenantDatabase, TenantDatabaseIdentity } from '../infrastructure/tenant-database';
import { ImportedUser, InvitationRefusal, NewInvitation, StoredInvitation, TenantUser, TenantUserStatus, UsersImportSession } from './tenant-user';

export abstract class TenantUsersStore {
  abstract list(identity: TenantDatabaseIdentity): Promise<TenantUser[]>;
  abstract get(identity: TenantDatabaseIdentity, userId: string): Promise<TenantUser | undefined>;
  /**
   * Inserts an invited user unless the e-mail is taken or a hard `users` limit is reached: the count
   * (invited and active users) and the insert run under one lock per tenant, so two invitations
   * racing for the last seat cannot both pass.
   */
  abstract invite(identity: TenantDatabaseIdentity, invitation: NewInvitation): Promise<StoredInvitation | InvitationRefusal>;
  abstract disable(identity: TenantDatabaseIdentity, userId: string, actor: string): Promise<TenantUser | undefined>;
  /** Sets last_login_at (what metering's active_users collector counts); an invited user becomes active. Undefined: no such user; 'disabled': refused. */
  abstract recordLogin(identity: TenantDatabaseIdentity, userId: string, at: Date, actor: string): Promise<TenantUser | 'disabled' | undefined>;
  /** Runs `work` in one transaction in the tenant's own database (after bringing its baseline up to date): it commits when `work` resolves. */
  abstract importSession<T>(identity: TenantDatabaseIdentity, work: (session: UsersImportSession) => Promise<T>): Promise<T>;
}

interface Row {
  id: string;
  email: string;
  role: string;
  status: TenantUserStatus;
  invitation_expires_at: Date | null;
  last_login_at: Date | null;
  created_at: Date;
}

const COLUMNS = 'id, email, role, status, invitation_expires_at, last_login_at, created_at';

function toUser(row: Row): TenantUser {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    status: row.status,
    invitationExpiresAt: row.invitation_expires_at,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
  };
}

type Sql = PoolClient | Client;

async function audit(client: Sql, actor: string, action: string, detail: Record<string, unknown>): Promise<void> {
  await client.query(`INSERT INTO audit_log (actor, action, detail) VALUES ($1, $2, $3)`, [actor, action, JSON.stringify(detail)]);
}

export class PgTenantUsersStore extends TenantUsersStore {
  constructor(private readonly database: PgTenantDatabase) {
    super();
  }

  list(identity: TenantDatabaseIdentity): Promise<TenantUser[]> {
    return this.database.runAsTenant(identity, async (client) => (await client.query<Row>(`SELECT ${COLUMNS} FROM users ORDER BY created_at, id`)).rows.map(toUser));
  }

  get(identity: TenantDatabaseIdentity, userId: string): Promise<TenantUser | undefined> {
    return this.database.runAsTenant(identity, async (client) => {
      const row = (await client.query<Row>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [userId])).rows[0];
      return row ? toUser(row) : undefined;
    });
  }

  invite(identity: TenantDatabaseIdentity, invitation: NewInvitation): Promise<StoredInvitation | InvitationRefusal> {
    return this.database.runAsTenant(identity, async (client) => {
      await client.query(`LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE`);
      const existing = (await client.query<Row>(`SELECT ${COLUMNS} FROM users WHERE email = $1`, [invitation.email])).rows[0];
      if (existing?.status === 'invited') {
        // Inviting again someone who has not accepted renews the invitation (the earlier link stops working) and mails it again.
        const renewed = (
          await client.query<Row>(`UPDATE users SET role = $2, invitation_token_sha256 = $3, invitation_expires_at = $4 WHERE id = $1 RETURNING ${COLUMNS}`, [
            existing.id, invitation.role, invitation.invitationTokenSha256, invitation.invitationExpiresAt,
          ])
        ).rows[0] as Row;
        await audit(client, invitation.actor, 'user.reinvited', { userId: renewed.id, role: renewed.role });
        return { ...toUser(renewed), renewed: true };
      }
      if (existing) return { refused: 'user-exists', user: toUser(existing) } as const;
      if (invitation.usersLimit?.mode === 'hard') {
        const current = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM users WHERE status <> 'disabled'`)).rows[0]?.n ?? 0);
        if (current >= invitation.usersLimit.limit) return { refused: 'users-limit-reached', limit: invitation.usersLimit.limit, current } as const;
      }
      const row = (
        await client.query<Row>(
          `INSERT INTO users (email, role, status, invitation_token_sha256, invitation_expires_at) VALUES ($1, $2, 'invited', $3, $4) RETURNING ${COLUMNS}`,
          [invitation.email, invitation.role, invitation.invitationTokenSha256, invitation.invitationExpiresAt],
        )
      ).rows[0] as Row;
      await audit(client, invitation.actor, 'user.invited', { userId: row.id, role: row.role });
      return { ...toUser(row), renewed: false };
    });
  }

  disable(identity: TenantDatabaseIdentity, userId: string, actor: string): Promise<TenantUser | undefined> {
    return this.database.runAsTenant(identity, async (client) => {
      const row = (
        await client.query<Row>(`UPDATE users SET status = 'disabled', invitation_token_sha256 = NULL WHERE id = $1 RETURNING ${COLUMNS}`, [userId])
      ).rows[0];
      if (row) await audit(client, actor, 'user.disabled', { userId });
      return row ? toUser(row) : undefined;
    });
  }

  recordLogin(identity: TenantDatabaseIdentity, userId: string, at: Date, actor: string): Promise<TenantUser | 'disabled' | undefined> {
    return this.database.runAsTenant(identity, async (client) => {
      const current = (await client.query<Row>(`SELECT ${COLUMNS} FROM users WHERE id = $1 FOR UPDATE`, [userId])).rows[0];
      if (!current) return undefined;
      if (current.status === 'disabled') return 'disabled' as const;
      const row = (
        await client.query<Row>(
          `UPDATE users SET last_login_at = $2, status = 'active', invitation_token_sha256 = CASE WHEN status = 'invited' THEN NULL ELSE invitation_token_sha256 END
           WHERE id = $1 RETURNING ${COLUMNS}`,
          [userId, at],
        )
      ).rows[0] as Row;
      await audit(client, actor, 'user.login', { userId });
      return toUser(row);
    });
  }

  async importSession<T>(identity: TenantDatabaseIdentity, work: (session: UsersImportSession) => Promise<T>): Promise<T> {
    // Tenants provisioned before the `name` column get it now (idempotent; its own transaction).
    await this.database.applyBaseline(identity);
    return this.database.runAsTenant(identity, (client) => work(new PgUsersImportSession(client)));
  }
}

class PgUsersImportSession implements UsersImportSession {
  constructor(private readonly client: Sql) {}

  async lockUsers(): Promise<void> {
    await this.client.query(`LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE`);
  }

  async existingEmails(emails: string[]): Promise<string[]> {
    if (emails.length === 0) return [];
    return (await this.client.query<{ email: string }>(`SELECT email FROM users WHERE email = ANY($1::text[])`, [emails])).rows.map((row) => row.email);
  }

  async countedUsers(): Promise<number> {
    return Number((await this.client.query<{ n: string }>(`SELECT count(*) AS n FROM users WHERE status <> 'disabled'`)).rows[0]?.n ?? 0);
  }

  async alreadyImported(importId: string): Promise<boolean> {
    const { rowCount } = await this.client.query(`SELECT 1 FROM audit_log WHERE action = 'users.imported' AND detail->>'importId' = $1 LIMIT 1`, [importId]);
    return (rowCount ?? 0) > 0;
  }

  async insert(users: ImportedUser[]): Promise<void> {
    if (users.length === 0) return;
    await this.client.query(
      `INSERT INTO users (email, role, name, status, invitation_token_sha256, invitation_expires_at)
       SELECT email, role, name, 'invited', hash, expires FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS u(email, role, name, hash, expires)`,
      [users.map((u) => u.email), users.map((u) => u.role), users.map((u) => u.name), users.map((u) => u.invitationTokenSha256), users.map((u) => u.invitationExpiresAt)],
    );
  }

  async recordImport(importId: string, actor: string, rows: number): Promise<void> {
    await audit(this.client, actor, 'users.imported', { importId, rows });
  }

  async idsOf(emails: string[]): Promise<{ id: string; email: string; role: string }[]> {
    if (emails.length === 0) return [];
    return (await this.client.query<{ id: string; email: string; role: string }>(`SELECT id, email, role FROM users WHERE email = ANY($1::text[])`, [emails])).rows;
  }
}
