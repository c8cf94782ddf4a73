/**
 * The latch a poll loop sleeps on: `sleep(ms)` waits the interval or until `signal()`, and a signal
 * that comes while the loop is busy (nobody sleeping) is kept, so the next sleep returns at once —
 * once: the sleep after that waits its whole interval again. Without the kept signal, a NOTIFY that
 * arrives between a claim that found nothing and the sleep would wait a full poll interval.
 */
export class WakeSignal {
  private readonly sleepers = new Set<() => void>();
  private pending = false;

  /** Wakes whoever sleeps now; if nobody does, the next sleep returns at once. */
  signal(): void {
    if (this.sleepers.size === 0) {
      this.pending = true;
      return;
    }
    for (const wake of [...this.sleepers]) wake();
  }

  /** Resolves after `ms`, or at once when signalled (or when a signal came since the last sleep). */
  sleep(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}
