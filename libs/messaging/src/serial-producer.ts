/**
 * An idempotent producer that is safe to call from concurrent requests.
 *
 * kafkajs's idempotent producer numbers a request's records when it builds the request and only
 * advances its sequence once the broker acknowledged. Two `send()` calls in flight at once can
 * therefore carry the same sequence numbers, and the broker drops the second as a duplicate while
 * both promises resolve (tulios/kafkajs#1005): acknowledged messages silently lost. The same
 * happens after a failed send whose records did land (a broker killed before it answered): the
 * next send reuses their numbers. The ingestion fault run (`npm run fault:ingest`) kills the broker
 * mid-send to catch exactly this loss.
 *
 * So: one request at a time, and what callers queued meanwhile goes out together in the next one
 * (group commit: fewer, bigger requests under load). After any failure the producer is thrown away
 * and the next send starts a new one, with a new producer id and fresh sequence numbers; a retry
 * of records that did land then makes a duplicate, which consumers drop by event id, never a loss.
 */
import { Message, Producer, TopicMessages } from 'kafkajs';

interface Pending {
  topicMessages: TopicMessages[];
  size: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class SerialProducer {
  private producer?: Producer;
  private connected?: Promise<Producer>;
  private queue: Pending[] = [];
  private sending = false;
  /** Settles when the drain in progress has emptied the queue. */
  private drained: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly create: () => Producer,
    /** Upper bound on the messages of one request; one caller's messages are never split. */
    private readonly maxMessagesPerRequest = 20_000,
  ) {}

  /** Resolves once Kafka acknowledged every message (acks=all); rejects if it did not. */
  send(topic: string, messages: Message[]): Promise<void> {
    return this.sendBatch([{ topic, messages }]);
  }

  /** The same for messages to several topics, which go out in one request. */
  sendBatch(topicMessages: TopicMessages[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('producer closed'));
    const size = topicMessages.reduce((sum, t) => sum + t.messages.length, 0);
    if (size === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ topicMessages, size, resolve, reject });
      this.drain();
    });
  }

  /** Lets what was queued go out (or fail), then disconnects; later sends are refused. */
  async close(): Promise<void> {
    this.closed = true;
    await this.drained;
    await this.discard();
  }

  private drain(): void {
    if (this.sending) return;
    this.sending = true;
    this.drained = this.sendQueued();
  }

  private async sendQueued(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.take();
        try {
          const producer = await this.connect();
          const byTopic = new Map<string, Message[]>();
          for (const { topic, messages } of batch.flatMap((pending) => pending.topicMessages)) {
            const merged = byTopic.get(topic) ?? [];
            for (const message of messages) merged.push(message);
            byTopic.set(topic, merged);
          }
          await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
          for (const pending of batch) pending.resolve();
        } catch (error) {
          await this.discard();
          for (const pending of batch) pending.reject(error);
        }
      }
    } finally {
      this.sending = false;
    }
  }

  private take(): Pending[] {
    const batch: Pending[] = [];
    let size = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0] as Pending;
      if (batch.length > 0 && size + next.size > this.maxMessagesPerRequest) break;
      batch.push(next);
      size += next.size;
      this.queue.shift();
    }
    return batch;
  }

  private connect(): Promise<Producer> {
    this.connected ??= (async () => {
      const producer = this.create();
      this.producer = producer;
      await producer.connect();
      return producer;
    })().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    return this.connected;
  }

  private async discard(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    this.connected = undefined;
    await producer?.disconnect().catch(() => undefined);
  }
}
