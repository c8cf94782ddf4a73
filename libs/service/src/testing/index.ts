/** Test doubles of the chassis' ports, for unit specs; production code never imports this entry. */
export { ManualClock } from './manual-clock';
