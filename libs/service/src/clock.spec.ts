import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clockFromConfig, OffsetFileClock, SystemClock } from './clock';

const DAY_MS = 86_400_000;

describe('clockFromConfig', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'clock-')), 'offset.json');

  it('is the system clock without TENANTRY_TEST_CLOCK_FILE, an offset clock on the file with it', () => {
    expect(clockFromConfig({})).toBeInstanceOf(SystemClock);
    writeFileSync(file, JSON.stringify({ offsetMs: 0 }));
    expect(clockFromConfig({ TENANTRY_TEST_CLOCK_FILE: file })).toBeInstanceOf(OffsetFileClock);
  });
});

describe(OffsetFileClock.name, () => {
  const file = join(mkdtempSync(join(tmpdir(), 'clock-')), 'offset.json');

  it('adds the offset of the file, and follows a rewrite of it', () => {
    writeFileSync(file, JSON.stringify({ offsetMs: 30 * DAY_MS }));
    const clock = new OffsetFileClock(file, 0);
    expect(Math.abs(clock.now().getTime() - (Date.now() + 30 * DAY_MS))).toBeLessThan(1_000);
    writeFileSync(file, JSON.stringify({ offsetMs: 60 * DAY_MS }));
    expect(Math.abs(clock.now().getTime() - (Date.now() + 60 * DAY_MS))).toBeLessThan(1_000);
  });

  it('keeps the last offset when a later read fails, and refuses a bad file at start', () => {
    writeFileSync(file, JSON.stringify({ offsetMs: DAY_MS }));
    const clock = new OffsetFileClock(file, 0);
    writeFileSync(file, '{"offsetMs": ');
    expect(Math.abs(clock.now().getTime() - (Date.now() + DAY_MS))).toBeLessThan(1_000);
    expect(() => new OffsetFileClock(file)).toThrow();
    writeFileSync(file, JSON.stringify({ offsetMs: 1.5 }));
    expect(() => new OffsetFileClock(file)).toThrow(/integer/);
  });
});
