import { WorkerLoop } from './worker-loop';

describe(WorkerLoop.name, () => {
  it('runs the work until stopped; stop cuts a long sleep short and waits for the work to return', async () => {
    const loop = new WorkerLoop();
    const rounds: number[] = [];
    let returned = false;
    loop.start(async () => {
      while (loop.running) {
        rounds.push(rounds.length);
        await loop.sleep(60_000);
      }
      returned = true;
    });
    expect(loop.running).toBe(true);
    loop.signal();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(rounds).toEqual([0, 1]);
    const started = Date.now();
    await loop.stop();
    expect(returned).toBe(true);
    expect(loop.running).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('starts once; stopping a loop never started returns at once', async () => {
    const loop = new WorkerLoop();
    await loop.stop();
    let runs = 0;
    const work = async (): Promise<void> => {
      runs += 1;
      while (loop.running) await loop.sleep(60_000);
    };
    loop.start(work);
    loop.start(work);
    await loop.stop();
    expect(runs).toBe(1);
  });
});
