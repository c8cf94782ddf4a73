/**
 * Transactions for unit specs whose repositories are fakes. `run` commits or rolls back the fakes
 * enlisted with it, so a spec sees what a real transaction would leave behind.
 */
import { Transaction, Transactions } from '../transaction';

/** A fake store's part in a transaction: it keeps a draft from `begin` and keeps or drops it at the end. */
export interface FakeTransactionParticipant {
  begin(tx: Transaction): void;
  commit(tx: Transaction): void;
  rollback(tx: Transaction): void;
}

const FAKE_TRANSACTION = Symbol.for('FakeTransaction');

export class FakeTransactions extends Transactions {
  /** A transaction for specs that call, inside "a caller's transaction", a use case whose fakes are not enlisted. */
  static readonly TX: Transaction = { '@instanceof': FAKE_TRANSACTION };
  private readonly participants: FakeTransactionParticipant[] = [];
  opened = 0;

  enlist(participant: FakeTransactionParticipant): void {
    this.participants.push(participant);
  }

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    this.opened += 1;
    const tx: Transaction = { '@instanceof': FAKE_TRANSACTION };
    for (const participant of this.participants) participant.begin(tx);
    try {
      const result = await work(tx);
      for (const participant of this.participants) participant.commit(tx);
      return result;
    } catch (error) {
      for (const participant of this.participants) participant.rollback(tx);
      throw error;
    }
  }
}
