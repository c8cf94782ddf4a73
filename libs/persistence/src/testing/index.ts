/** Test doubles of the persistence ports, for unit specs; production code never imports this entry. */
export { FakeTransactions } from './fake-transactions';
export type { FakeTransactionParticipant } from './fake-transactions';
