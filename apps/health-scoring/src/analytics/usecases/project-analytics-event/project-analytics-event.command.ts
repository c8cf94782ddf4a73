import { Signal } from '../../../projection/signal';

export class ProjectAnalyticsEventCommand {
  constructor(readonly signal: Signal) {}
}
