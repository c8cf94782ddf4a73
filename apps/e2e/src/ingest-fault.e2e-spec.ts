// The ingestion fault run at CI size: 5,000 events through the gateway while the broker is
// SIGKILLed and restarted, metering is SIGKILLed mid-batch and restarted, and PostgreSQL is
// restarted. Every acknowledged event is counted exactly once; the aggregates equal a recount.
// (`npm run fault:ingest` runs the same at 100,000 events.)
import { FaultRunResult, runIngestFaultRun } from '@tenantry/tools/fault-run';

jest.setTimeout(900_000);

describe('usage ingestion under faults', () => {
  let result: FaultRunResult;

  beforeAll(async () => {
    result = await runIngestFaultRun({ events: 5_000, ratePerSecond: 100, log: (line) => process.stdout.write(`[fault] ${line}\n`) });
    process.stdout.write(`[fault] ${JSON.stringify(result)}\n`);
  });

  it('went through all three faults', () => {
    expect(result.faults.map((line) => line.split(' with ')[0])).toEqual(['broker SIGKILL + restart', 'metering SIGKILL + restart', 'PostgreSQL restart']);
  });

  it('lost no acknowledged event and counted none twice', () => {
    expect(result.acknowledged).toBeGreaterThan(0);
    expect({ lost: result.lost, doubleCounted: result.doubleCounted, unexpected: result.unexpected }).toEqual({ lost: 0, doubleCounted: 0, unexpected: 0 });
  });

  it('left aggregates equal to a recount of the stored events', () => {
    expect(result.aggregateMismatches).toBe(0);
  });

  it('acknowledged every event in the end (the client retries with the same ids)', () => {
    expect(result.acknowledged + result.indeterminate).toBe(5_000);
    expect(result.rejected).toBe(0);
  });
});
