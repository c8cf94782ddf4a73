/** A stored Idempotency-Key: who used it, for which request, and the answer to replay. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface IdempotencyRecord {
  apiKeyId: string;
  key: string;
  requestHash: string;
  state: 'in_progress' | 'completed';
  response: StoredResponse | null;
  createdAt: Date;
  expiresAt: Date;
}
