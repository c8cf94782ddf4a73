/** Time as an injectable dependency, so schedulers and expiry rules can be tested by moving it. */
import { readFileSync } from 'node:fs';
import { Injectable } from '@nestjs/common';
import type { ServiceConfig } from '@tenantry/config';

export abstract class Clock {
  abstract now(): Date;
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * Tests only: the system time plus an offset read from a JSON file `{"offsetMs": <integer>}`, so an
 * end-to-end test can move the time of every service process at once (months of billing, dunning
 * and trials) by rewriting one file. The file is read at construction (it must be valid) and again
 * at most every `refreshMs`; a read that fails later (a write in progress) keeps the last offset.
 */
export class OffsetFileClock extends Clock {
  private offsetMs: number;
  private readAt: number;

  constructor(
    private readonly file: string,
    private readonly refreshMs = 100,
  ) {
    super();
    this.offsetMs = readOffset(file);
    this.readAt = Date.now();
  }

  now(): Date {
    const real = Date.now();
    if (real - this.readAt >= this.refreshMs) {
      this.readAt = real;
      try {
        this.offsetMs = readOffset(this.file);
      } catch {
        // keep the last offset
      }
    }
    return new Date(real + this.offsetMs);
  }
}

function readOffset(file: string): number {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { offsetMs?: unknown };
  if (typeof parsed.offsetMs !== 'number' || !Number.isInteger(parsed.offsetMs)) throw new Error(`${file}: offsetMs must be an integer number of milliseconds`);
  return parsed.offsetMs;
}

/** The clock a service runs on: the system clock, or with TENANTRY_TEST_CLOCK_FILE set (tests only) an OffsetFileClock on that file. */
export function clockFromConfig(config: Pick<ServiceConfig, 'TENANTRY_TEST_CLOCK_FILE'>): Clock {
  return config.TENANTRY_TEST_CLOCK_FILE ? new OffsetFileClock(config.TENANTRY_TEST_CLOCK_FILE) : new SystemClock();
}
