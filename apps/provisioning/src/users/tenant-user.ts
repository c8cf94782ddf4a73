/** A user of a tenant, as its own database's `users` table holds it (never the invitation hash). */
/** What the API takes for an e-mail address (local part, @, a dotted domain; no spaces). */
export const EMAIL_PATTERN = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{1,63}$/;

export const TENANT_USER_STATUSES = ['invited', 'active', 'disabled'] as const;
export type TenantUserStatus = (typeof TENANT_USER_STATUSES)[number];

export interface TenantUser {
  id: string;
  email: string;
  role: string;
  status: TenantUserStatus;
  invitationExpiresAt: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
}

/** The hard or soft `users` limit as the registry states it; only `hard` refuses an invitation. */
export interface UsersLimit {
  limit: number;
  mode: 'hard' | 'soft';
}

export interface NewInvitation {
  email: string;
  role: string;
  invitationTokenSha256: string;
  invitationExpiresAt: Date;
  usersLimit: UsersLimit | null;
  actor: string;
}

/** An invitation stored: a new user, or a pending invitation renewed (new token and expiry, resent). */
export type StoredInvitation = TenantUser & { renewed: boolean };

/** Why an invitation was not stored. */
export type InvitationRefusal = { refused: 'user-exists'; user: TenantUser } | { refused: 'users-limit-reached'; limit: number; current: number };

/** A staged import row as it goes into the users table: invited, with its invitation's hash. */
export interface ImportedUser {
  email: string;
  role: string;
  name: string | null;
  invitationTokenSha256: string;
  invitationExpiresAt: Date;
}

/**
 * One transaction in the tenant's own database for an import: read what exists, then (a real run)
 * lock the users table, write every row and the audit row, all or nothing.
 */
export interface UsersImportSession {
  /** Takes the lock invitations take, so the limit check and the inserts see a stable count. */
  lockUsers(): Promise<void>;
  /** Which of these (lower-cased) e-mails are already users. */
  existingEmails(emails: string[]): Promise<string[]>;
  /** Invited and active users (what a hard `users` limit counts). */
  countedUsers(): Promise<number>;
  /** True when this import's rows are already committed (its audit row exists): a resumed job must not write again. */
  alreadyImported(importId: string): Promise<boolean>;
  insert(users: ImportedUser[]): Promise<void>;
  /** The import's one audit row in the tenant's own audit_log (counts, no personal data). */
  recordImport(importId: string, actor: string, rows: number): Promise<void>;
  /** User ids of these e-mails (for the invitation events after the commit). */
  idsOf(emails: string[]): Promise<{ id: string; email: string; role: string }[]>;
}
