/** An IdempotencyRepository in memory for unit specs, with the table's semantics (primary key, expiry). */
import { IdempotencyRecord, StoredResponse } from '../idempotency-record.row';
import { IdempotencyRepository, IdempotencyScope } from '../idempotency.repository';

export class InMemoryIdempotencyRepository extends IdempotencyRepository {
  readonly rows = new Map<string, IdempotencyRecord>();

  private id(scope: IdempotencyScope): string {
    return `${scope.apiKeyId}/${scope.key}`;
  }

  async claim(scope: IdempotencyScope, requestHash: string, now: Date, expiresAt: Date): Promise<boolean> {
    const existing = this.rows.get(this.id(scope));
    if (existing && existing.expiresAt > now) return false;
    this.rows.set(this.id(scope), { ...scope, requestHash, state: 'in_progress', response: null, createdAt: now, expiresAt });
    return true;
  }

  async find(scope: IdempotencyScope): Promise<IdempotencyRecord | undefined> {
    return this.rows.get(this.id(scope));
  }

  async complete(scope: IdempotencyScope, response: StoredResponse): Promise<void> {
    const row = this.rows.get(this.id(scope));
    if (row) this.rows.set(this.id(scope), { ...row, state: 'completed', response });
  }

  async release(scope: IdempotencyScope, createdAt?: Date): Promise<void> {
    const row = this.rows.get(this.id(scope));
    if (row?.state === 'in_progress' && (createdAt === undefined || row.createdAt.getTime() === createdAt.getTime())) this.rows.delete(this.id(scope));
  }

  async pruneExpired(now: Date): Promise<number> {
    const expired = [...this.rows].filter(([, row]) => row.expiresAt <= now);
    for (const [id] of expired) this.rows.delete(id);
    return expired.length;
  }
}
