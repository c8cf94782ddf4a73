/**
 * Invitation tokens derived, never transmitted: provisioning stores only the SHA-256 of the first
 * admin's token, and notifications derives the same token when it mails the invitation, from the
 * facts TenantAdminCreated carries (tenant, e-mail, expiry) and INVITATION_KEY, which both services
 * hold and nothing else does. The token is therefore never on Kafka, in a log or in a database in
 * clear; whoever lacks the key cannot compute it from the event. It stays one-time: accepting the
 * invitation clears the stored hash, and a new invitation has a new expiry, so a new token.
 */
import { createHmac } from 'node:crypto';

export interface InvitationFacts {
  tenantId: string;
  email: string;
  /** ISO 8601, as TenantAdminCreated's invitationExpiresAt (millisecond precision). */
  expiresAt: string;
}

/** 43 base64url characters (256 bits). */
export function deriveInvitationToken(key: string, facts: InvitationFacts): string {
  const material = ['tenantry-invitation', 'v1', facts.tenantId, facts.email.toLowerCase(), new Date(facts.expiresAt).toISOString()].join('\n');
  return createHmac('sha256', Buffer.from(key, 'base64')).update(material).digest('base64url');
}
