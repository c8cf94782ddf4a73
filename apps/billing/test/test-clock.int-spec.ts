// The cross-process test clock (TENANTRY_TEST_CLOCK_FILE, libs/service OffsetFileClock) in the
// compiled billing service: its time is the system time plus the file's offset, and follows a
// rewrite of the file while it runs — what a months-long end-to-end walk needs to move every
// service's time at once.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { internalAuthHeaders, RunningService, startService, waitFor, waitUntilReady } from '@tenantry/testing';

jest.setTimeout(90_000);

const DAY_MS = 86_400_000;

describe('the test clock across processes (int)', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'tenantry-clock-')), 'offset.json');
  let billing: RunningService;

  beforeAll(async () => {
    writeFileSync(file, JSON.stringify({ offsetMs: 40 * DAY_MS }));
    billing = await startService('billing', { TENANTRY_TEST_CLOCK_FILE: file, BILLING_RUN_INTERVAL_MS: '3600000' });
    await waitUntilReady(billing);
  });

  afterAll(async () => {
    await billing?.process.kill('SIGTERM');
  });

  /** A dry billing run's start time: the service's now. */
  async function serviceNow(): Promise<number> {
    const response = await fetch(`${billing.url}/internal/v1/billing/runs`, {
      method: 'POST',
      headers: { ...internalAuthHeaders({ audience: 'billing' }), 'content-type': 'application/json' },
      body: JSON.stringify({ dryRun: true }),
    });
    expect(response.status).toBe(202);
    return Date.parse(((await response.json()) as { startedAt: string }).startedAt);
  }

  it("adds the file's offset to the service's time and follows a rewrite", async () => {
    expect(Math.abs((await serviceNow()) - (Date.now() + 40 * DAY_MS))).toBeLessThan(5_000);
    writeFileSync(file, JSON.stringify({ offsetMs: 100 * DAY_MS }));
    await waitFor(async () => (Math.abs((await serviceNow()) - (Date.now() + 100 * DAY_MS)) < 5_000 ? true : undefined), { timeoutMs: 10_000, intervalMs: 200, what: 'the new offset' });
  });
});
