/**
 * The start and stop of a background loop that sleeps on a `WakeSignal`: `start(work)` runs `work`,
 * which loops while `running`; `stop()` clears `running`, cuts the current sleep short and waits
 * for `work` to return. `signal()` wakes the loop early (a NOTIFY, a finished job).
 */
import { WakeSignal } from './wake-signal';

export class WorkerLoop {
  private active = false;
  private done?: Promise<void>;
  private readonly wake = new WakeSignal();

  get running(): boolean {
    return this.active;
  }

  /** Runs `work` unless the loop runs already. */
  start(work: () => Promise<void>): void {
    if (this.active) return;
    this.active = true;
    this.done = work();
  }

  /** Ends the loop: `running` turns false, a sleep returns, and this resolves once `work` has. */
  async stop(): Promise<void> {
    this.active = false;
    this.wake.signal();
    await this.done;
  }

  /** Waits `ms`, or less when signalled (or stopped). */
  sleep(ms: number): Promise<void> {
    return this.wake.sleep(ms);
  }

  signal(): void {
    this.wake.signal();
  }
}
