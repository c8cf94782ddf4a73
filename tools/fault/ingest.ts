/**
 * `npm run fault:ingest`: the ingestion fault run at full size (FAULT_EVENTS, default 100,000).
 * Prints lost / double-counted / indeterminate counts and exits 1 on any lost or double-counted
 * event. The end-to-end suite runs the same thing at 5,000 events.
 */
import { faultRunPassed, runIngestFaultRun } from './fault-run';

async function main(): Promise<void> {
  const events = Number(process.env['FAULT_EVENTS'] ?? 100_000);
  const rate = process.env['FAULT_RATE'] ? Number(process.env['FAULT_RATE']) : undefined;
  console.log(`[fault] ${events} events through the gateway while the broker, metering and PostgreSQL are killed and restarted`);
  const result = await runIngestFaultRun({ events, ratePerSecond: rate, log: (line) => console.log(`[fault] ${line}`) });
  console.log(`[fault] faults: ${result.faults.join('; ')}`);
  console.log(
    `[fault] events ${result.events}: acknowledged ${result.acknowledged}, rejected ${result.rejected}, indeterminate ${result.indeterminate} (${result.indeterminateStored} of them stored); ` +
      `lost ${result.lost}, double-counted ${result.doubleCounted}, unexpected ${result.unexpected}, aggregate windows differing from a recount ${result.aggregateMismatches}; ${result.attempts} requests, ${result.seconds} s`,
  );
  console.log(`[fault] ${faultRunPassed(result) ? 'PASS' : 'FAIL'}`);
  process.exit(faultRunPassed(result) ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(`[fault] ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
