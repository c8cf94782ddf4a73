import { Message, Producer, ProducerBatch } from 'kafkajs';
import { SerialProducer } from './serial-producer';

/** A stand-in for kafkajs's producer: records each request, answers when the test says so. */
class FakeProducer {
  readonly requests: ProducerBatch[] = [];
  inFlight = 0;
  maxInFlight = 0;
  disconnected = false;
  private answers: { resolve: () => void; reject: (error: Error) => void }[] = [];

  connected = false;

  async connect(): Promise<void> {
    this.connected = true;
  }

  async disconnect(): Promise<void> {
    this.disconnected = true;
  }

  sendBatch(batch: ProducerBatch): Promise<unknown> {
    this.requests.push(batch);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    return new Promise<void>((resolve, reject) => this.answers.push({ resolve, reject })).finally(() => (this.inFlight -= 1));
  }

  /** Answers the oldest request in flight. */
  answer(error?: Error): void {
    const next = this.answers.shift();
    if (!next) throw new Error('no request in flight');
    if (error) next.reject(error);
    else next.resolve();
  }
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const messages = (...values: string[]): Message[] => values.map((value) => ({ key: value, value }));
const sentValues = (batch: ProducerBatch | undefined): string[] => (batch?.topicMessages ?? []).flatMap((t) => t.messages.map((m) => `${t.topic}:${String(m.value)}`));

function outcome(promise: Promise<void>): { state: () => string } {
  let state = 'pending';
  promise.then(
    () => (state = 'acknowledged'),
    (error: Error) => (state = `failed: ${error.message}`),
  );
  return { state: () => state };
}

describe(SerialProducer.name, () => {
  let producers: FakeProducer[];
  let sut: SerialProducer;

  beforeEach(() => {
    producers = [];
    sut = new SerialProducer(() => {
      const producer = new FakeProducer();
      producers.push(producer);
      return producer as unknown as Producer;
    }, 3);
  });

  it('keeps one request in flight and sends what arrived meanwhile together in the next one', async () => {
    const first = outcome(sut.send('a', messages('1')));
    await flush();
    const second = outcome(sut.send('a', messages('2')));
    const third = outcome(sut.send('b', messages('3')));
    await flush();
    const producer = producers[0] as FakeProducer;
    expect(producer.requests).toHaveLength(1);

    producer.answer();
    await flush();
    expect(first.state()).toBe('acknowledged');
    expect(second.state()).toBe('pending');
    expect(producer.requests.map(sentValues)).toEqual([['a:1'], ['a:2', 'b:3']]);

    producer.answer();
    await flush();
    expect([second.state(), third.state()]).toEqual(['acknowledged', 'acknowledged']);
    expect(producer.maxInFlight).toBe(1);
    expect(producers).toHaveLength(1);
  });

  it('never splits one caller’s messages, and caps a request at the given size otherwise', async () => {
    void sut.send('a', messages('0'));
    await flush();
    void sut.send('a', messages('1', '2'));
    void sut.send('a', messages('3', '4'));
    void sut.send('a', messages('5', '6', '7', '8'));
    const producer = producers[0] as FakeProducer;
    for (let i = 0; i < 4; i++) {
      producer.answer();
      await flush();
    }
    expect(producer.requests.map(sentValues)).toEqual([['a:0'], ['a:1', 'a:2'], ['a:3', 'a:4'], ['a:5', 'a:6', 'a:7', 'a:8']]);
  });

  it('fails the callers of a failed request and sends the next one with a new producer', async () => {
    const lost = outcome(sut.send('a', messages('1')));
    await flush();
    const next = outcome(sut.send('a', messages('2')));
    (producers[0] as FakeProducer).answer(new Error('broker gone'));
    await flush();
    expect(lost.state()).toBe('failed: broker gone');
    expect(next.state()).toBe('pending');
    expect((producers[0] as FakeProducer).disconnected).toBe(true);

    // A new producer id, so the broker cannot take this request for a duplicate of the failed one.
    expect(producers).toHaveLength(2);
    (producers[1] as FakeProducer).answer();
    await flush();
    expect(next.state()).toBe('acknowledged');
    expect(sentValues((producers[1] as FakeProducer).requests[0])).toEqual(['a:2']);
  });

  it('lets queued messages go out on close, then disconnects and refuses new ones', async () => {
    const queued = outcome(sut.send('a', messages('1')));
    await flush();
    const closing = sut.close();
    await expect(sut.send('a', messages('2'))).rejects.toThrow('producer closed');
    const producer = producers[0] as FakeProducer;
    expect(producer.disconnected).toBe(false);
    producer.answer();
    await closing;
    expect(queued.state()).toBe('acknowledged');
    expect(producer.disconnected).toBe(true);
  });
});
