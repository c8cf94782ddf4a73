/** One sweep for trials that have ended. */
const DEFAULT_EXPIRY_BATCH = 100;

export class ExpireTrialsCommand {
  constructor(readonly batchSize: number = DEFAULT_EXPIRY_BATCH) {}
}
