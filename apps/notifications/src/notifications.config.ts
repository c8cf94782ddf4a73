/** The environment of the notifications service: email settings here, the webhook settings in WebhooksConfig, which it extends. */
import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min, ValidateBy } from 'class-validator';
import { IsInternalSigningKey } from '@tenantry/config';
import { WebhooksConfig } from './webhooks/webhooks.config';

const SECRET_BYTES = 32;
const isStrongSecret = (value: unknown): boolean => typeof value === 'string' && /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length >= SECRET_BYTES;
const secretMessage = (what: string) => (args?: { value?: unknown }) =>
  typeof args?.value === 'string' && args.value !== ''
    ? `is too weak or not base64: it must decode to at least ${SECRET_BYTES} random bytes (e.g. \`openssl rand -base64 32\`)`
    : `is required: ${what}, at least ${SECRET_BYTES} random bytes in base64 (e.g. \`openssl rand -base64 32\`)`;

export class NotificationsConfig extends WebhooksConfig {
  override PORT = 3006;

  /** Where mail is sent: smtp://[user:pass@]host:port (STARTTLS when offered) or smtps:// (implicit TLS). */
  @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL = 'smtp://127.0.0.1:1025';

  /** The From address of every mail. */
  @Matches(/^(?:[^<>\r\n]*<)?[^\s@<>]+@[^\s@<>]+>?$/, { message: 'must be an address, e.g. Tenantry <no-reply@tenantry.local>' })
  NOTIFY_FROM = 'Tenantry <no-reply@tenantry.local>';

  /** The operators told about operator events (provisioning failed), comma-separated addresses; empty: nobody. */
  @Matches(/^$|^[^\s@,]+@[^\s@,]+(,[^\s@,]+@[^\s@,]+)*$/, { message: 'must be a comma-separated list of e-mail addresses' })
  NOTIFY_OPERATOR_EMAILS = '';

  /** At most one usage-alert mail per recipient and tenant in this many seconds (later alerts wait and go out as one digest). */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of seconds' })
  @Min(0, { message: 'must not be negative' })
  @Max(7 * 86_400, { message: 'must be at most 7 days' })
  NOTIFY_DIGEST_WINDOW_SECONDS = 3_600;

  /** Sending attempts of one mail on temporary (4xx, connection) errors before it is given up. */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer' })
  @Min(1, { message: 'must be at least 1' })
  @Max(20, { message: 'must be at most 20' })
  NOTIFY_MAX_ATTEMPTS = 6;

  /** First retry delay after a temporary SMTP error; doubled at each further attempt (with jitter). */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(10, { message: 'must be at least 10 ms' })
  NOTIFY_RETRY_BASE_MS = 30_000;

  /** How often the sender looks for mails that are due (it is also woken after each consumed event). */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(20, { message: 'must be at least 20 ms' })
  NOTIFY_SEND_INTERVAL_MS = 1_000;

  /** How long a claimed mail is left to its sender before another run takes it again (same Message-ID). */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of seconds' })
  @Min(1, { message: 'must be at least 1 second' })
  NOTIFY_LEASE_SECONDS = 120;

  /** Public base URL of the gateway, for unsubscribe links (`<url>/api/v1/platform/unsubscribe?token=…`). */
  @Matches(/^https?:\/\/[^\s/]+(\/\S*)?$/, { message: 'must be an http(s) URL' })
  NOTIFY_PUBLIC_URL = 'http://127.0.0.1:3000';

  /** HMAC key of unsubscribe tokens. Required, no default. */
  @ValidateBy({ name: 'isUnsubscribeKey', validator: { validate: isStrongSecret, defaultMessage: secretMessage('the key unsubscribe links are signed with') } })
  NOTIFY_UNSUBSCRIBE_KEY = '';

  /**
   * The key invitation tokens are derived from (shared with provisioning, which stores only their
   * hash): the token itself never travels on Kafka nor is stored. Required, no default.
   */
  @ValidateBy({ name: 'isInvitationKey', validator: { validate: isStrongSecret, defaultMessage: secretMessage('the key invitation tokens are derived from (the same as provisioning\'s)') } })
  INVITATION_KEY = '';

  /**
   * Notifications' own key for its calls to billing (the invoice PDF attached to invoice-issued mails):
   * `<kid>:<Ed25519 PKCS#8 DER in base64>`; billing lists the public half in INTERNAL_AUTH_SERVICE_KEYS
   * as `notifications:<kid>:<SPKI>`. Required, no default.
   */
  @IsInternalSigningKey()
  NOTIFY_INTERNAL_SIGNING_KEY = '';

  /** Billing's internal API (the invoice PDFs). */
  @Matches(/^https?:\/\/[^\s/]+(\/\S*)?$/, { message: 'must be an http(s) URL' })
  BILLING_URL = 'http://127.0.0.1:3004';

  /** The invitation link; `{host}` is the tenant's host name, `{token}` the token. */
  @IsString()
  @Matches(/^https?:\/\/\S*\{token\}\S*$/, { message: 'must be an http(s) URL template containing {token}' })
  NOTIFY_INVITATION_URL = 'https://{host}/invitations/accept?token={token}';
}
