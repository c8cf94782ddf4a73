// PeriodicJob: runs at start and on its interval, never twice at once, and stop() waits for the run in flight.
import type { Logger } from '@tenantry/observability';
import { PeriodicJob } from './periodic-job';

const errors: unknown[] = [];
const LOGGER = { error: (fields: unknown) => errors.push(fields) } as unknown as Logger;
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(PeriodicJob.name, () => {
  it('runs at start and every interval, one run at a time, and not after stop()', async () => {
    let runs = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    const sut = new PeriodicJob({ name: 'test', intervalMs: 20 }, async () => {
      runs += 1;
      maxConcurrent = Math.max(maxConcurrent, ++concurrent);
      await settle(50);
      concurrent -= 1;
    }, LOGGER);
    sut.start();
    await settle(170);
    await sut.stop();
    const atStop = runs;
    expect(concurrent).toBe(0);
    expect(atStop).toBeGreaterThanOrEqual(2);
    expect(maxConcurrent).toBe(1);
    await settle(100);
    expect(runs).toBe(atStop);
  });

  it('logs a failed run and runs again at the next interval', async () => {
    let runs = 0;
    const sut = new PeriodicJob({ name: 'flaky', intervalMs: 20 }, async () => {
      runs += 1;
      if (runs === 1) throw new Error('boom');
    }, LOGGER);
    sut.start();
    await settle(70);
    await sut.stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(errors).toContainEqual(expect.objectContaining({ job: 'flaky' }));
  });

  it('waits for the first interval when runAtStart is false', async () => {
    let runs = 0;
    const sut = new PeriodicJob({ name: 'later', intervalMs: 10_000, runAtStart: false }, async () => {
      runs += 1;
    }, LOGGER);
    sut.start();
    await settle(30);
    await sut.stop();
    expect(runs).toBe(0);
  });
});
