/** Test doubles of the messaging ports, for unit specs; production code never imports this entry. */
export { RecordingOutbox } from './recording-outbox';
export type { RecordedEvent } from './recording-outbox';
