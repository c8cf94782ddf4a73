// The poll loops' latch: a full sleep without a signal, an immediate wake with one, and a signal
// that came while the loop was busy kept for the next sleep only.
import { WakeSignal } from './wake-signal';

describe(WakeSignal.name, () => {
  let sut: WakeSignal;

  beforeEach(() => {
    jest.useFakeTimers();
    sut = new WakeSignal();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  /** Whether the promise has settled once pending microtasks have run. */
  async function settled(promise: Promise<void>): Promise<boolean> {
    let done = false;
    void promise.then(() => {
      done = true;
    });
    await Promise.resolve();
    await Promise.resolve();
    return done;
  }

  it('sleeps the whole interval when nobody signals', async () => {
    const sleep = sut.sleep(1_000);

    await jest.advanceTimersByTimeAsync(999);
    expect(await settled(sleep)).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(await settled(sleep)).toBe(true);
  });

  it('wakes a sleeper at once when signalled', async () => {
    const sleep = sut.sleep(1_000);
    await jest.advanceTimersByTimeAsync(10);

    sut.signal();

    expect(await settled(sleep)).toBe(true);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('keeps a signal that came while nobody slept for the next sleep, once', async () => {
    sut.signal();

    expect(await settled(sut.sleep(1_000))).toBe(true);

    const next = sut.sleep(1_000);
    await jest.advanceTimersByTimeAsync(999);
    expect(await settled(next)).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(await settled(next)).toBe(true);
  });

  it('keeps one signal however many came while nobody slept', async () => {
    sut.signal();
    sut.signal();

    expect(await settled(sut.sleep(1_000))).toBe(true);
    expect(await settled(sut.sleep(1_000))).toBe(false);
  });

  it('does not carry a signal that woke a sleeper over to the next sleep', async () => {
    const first = sut.sleep(1_000);
    sut.signal();
    expect(await settled(first)).toBe(true);

    expect(await settled(sut.sleep(1_000))).toBe(false);
  });

  it('keeps a signal that came while busy after a sleep that ran out', async () => {
    const first = sut.sleep(1_000);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(await settled(first)).toBe(true);

    sut.signal();

    expect(await settled(sut.sleep(1_000))).toBe(true);
    expect(await settled(sut.sleep(1_000))).toBe(false);
  });
});
