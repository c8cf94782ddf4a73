/** The project's own transaction type: use cases open and pass it on, only Postgres repositories look inside. */
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

const ENTITY_MANAGER = Symbol.for('EntityManager');

/**
 * An open database transaction, opaque to everything but a repository's Postgres implementation.
 * It exposes nothing to query with. Every TypeORM EntityManager is one, so the messaging lib's
 * consumers hand the transaction that holds their inbox row straight to a use case.
 */
export interface Transaction {
  readonly '@instanceof': symbol;
}

/** Opens transactions; use cases depend on this and never on TypeORM. */
export abstract class Transactions {
  /** Runs `work` in a new transaction: it commits when `work` resolves and rolls back when it throws. */
  abstract run<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
}

@Injectable()
export class PostgresTransactions extends Transactions {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(manager));
  }
}

/** For Postgres repositories only: the EntityManager behind a transaction. */
export function entityManagerOf(tx: Transaction): EntityManager {
  // The type alone would also admit a DataSource (it carries the same marker): queries there would run outside the transaction.
  if (tx['@instanceof'] !== ENTITY_MANAGER) throw new TypeError('not a transaction opened by Transactions or a consumer');
  return tx as EntityManager;
}
