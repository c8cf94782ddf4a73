/** An OutboxWriter for unit specs: it keeps the events a committed transaction published, and nothing else. */
import { randomUUID } from 'node:crypto';
import { EventName } from '@tenantry/contracts';
import { Transaction } from '@tenantry/persistence';
import type { FakeTransactionParticipant, FakeTransactions } from '@tenantry/persistence/testing';
import { OutboundEvent } from '../envelope-builder';
import { OutboxWriter } from '../outbox-writer';

export interface RecordedEvent {
  type: EventName;
  payload: unknown;
}

export class RecordingOutbox extends OutboxWriter implements FakeTransactionParticipant {
  /** Events of committed transactions, in publishing order. */
  readonly events: RecordedEvent[] = [];
  private readonly pending = new Map<Transaction, RecordedEvent[]>();

  /** With `transactions`, events count once their transaction commits; without, at once. */
  constructor(transactions?: FakeTransactions) {
    super('test');
    transactions?.enlist(this);
  }

  override async publishMany(tx: Transaction, events: readonly OutboundEvent[]): Promise<string[]> {
    const recorded = events.map((event): RecordedEvent => ({ type: event.type, payload: event.payload }));
    const pending = this.pending.get(tx);
    if (pending) pending.push(...recorded);
    else this.events.push(...recorded);
    return events.map((event) => event.options?.id ?? randomUUID());
  }

  begin(tx: Transaction): void {
    this.pending.set(tx, []);
  }

  commit(tx: Transaction): void {
    this.events.push(...(this.pending.get(tx) ?? []));
    this.pending.delete(tx);
  }

  rollback(tx: Transaction): void {
    this.pending.delete(tx);
  }
}
