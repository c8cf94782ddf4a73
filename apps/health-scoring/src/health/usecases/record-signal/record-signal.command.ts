import { Signal } from '../../../projection/signal';

export class RecordSignalCommand {
  constructor(
    readonly signal: Signal,
    readonly now: Date,
  ) {}
}
