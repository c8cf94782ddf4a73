/** Checks the last complete UTC hour (by the clock) for unusual usage. */
export class DetectAnomaliesCommand {}
