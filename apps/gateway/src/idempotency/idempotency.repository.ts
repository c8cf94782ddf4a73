/** The idempotency_keys table; a key is scoped to the API key that used it. */
import { IdempotencyRecord, StoredResponse } from './idempotency-record.row';

export interface IdempotencyScope {
  apiKeyId: string;
  key: string;
}

export abstract class IdempotencyRepository {
  /** Inserts an in-progress record; false when one (not yet expired) already exists. The primary key makes this the lock. */
  abstract claim(scope: IdempotencyScope, requestHash: string, now: Date, expiresAt: Date): Promise<boolean>;
  abstract find(scope: IdempotencyScope): Promise<IdempotencyRecord | undefined>;
  abstract complete(scope: IdempotencyScope, response: StoredResponse): Promise<void>;
  /** Forgets an in-progress record so the request can be retried under the same key. */
  abstract release(scope: IdempotencyScope, createdAt?: Date): Promise<void>;
  abstract pruneExpired(now: Date): Promise<number>;
}
