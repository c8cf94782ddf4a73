/** A webhook endpoint as stored (its secrets sealed). */
export interface WebhookEndpoint {
  id: string;
  /** null: platform-wide, receives every tenant's events. */
  tenantId: string | null;
  url: string;
  eventTypes: string[];
  description: string;
  enabled: boolean;
  disabledReason: string | null;
  secretSealed: string;
  previousSecretSealed: string | null;
  previousSecretExpiresAt: Date | null;
  /** Since when every attempt to it has failed; null after a success. */
  failingSince: Date | null;
  createdAt: Date;
  updatedAt: Date;
}
