/** Transactions for unit specs whose repositories are fakes: `run` just calls the work. */
import { Transaction, Transactions } from '../transaction';

export class FakeTransactions extends Transactions {
  /** The transaction every `run` hands out, for specs that call a use case inside one directly. */
  static readonly TX: Transaction = { '@instanceof': Symbol.for('FakeTransaction') };
  opened = 0;

  run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    this.opened += 1;
    return work(FakeTransactions.TX);
  }
}
