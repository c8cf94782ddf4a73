// The kafkajs log bridge: a settling broker's answers are quiet during a consumer's first join, and errors otherwise.
import { logLevel, LogEntry } from 'kafkajs';
import { Logger } from '@tenantry/observability';
import { KafkaLogBridge, SETTLING_ERRORS } from './kafka-client';

type Level = 'debug' | 'warn' | 'error';

function recordingLogger(lines: [Level, string][]): Logger {
  const at = (level: Level) => (_fields: unknown, message: string) => void lines.push([level, message]);
  return { debug: at('debug'), warn: at('warn'), error: at('error') } as unknown as Logger;
}

function entry(level: logLevel, message: string, extra: Record<string, unknown> = {}): LogEntry {
  return { namespace: 'test', level, label: 'ERROR', log: { timestamp: '', message, ...extra } };
}

const coordinatorGone = entry(logLevel.ERROR, 'Response GroupCoordinator(key: 10, version: 2)', { error: 'The group coordinator is not available' });
const loadingCrash = entry(logLevel.ERROR, "Crash: KafkaJSProtocolError: The coordinator is loading and hence can't process requests for this group", { groupId: 'g' });
const restarting = entry(logLevel.ERROR, 'Restarting the consumer in 300ms', { groupId: 'g', retryTime: 300 });
const unknownTopic = entry(logLevel.ERROR, 'Response Metadata(key: 3, version: 6)', { error: 'This server does not host this topic-partition' });

describe(KafkaLogBridge.name, () => {
  let lines: [Level, string][];
  let sut: KafkaLogBridge;

  beforeEach(() => {
    lines = [];
    sut = new KafkaLogBridge(recordingLogger(lines));
  });

  it('logs a settling broker’s answers, and the crash and restart they cause, at debug while a consumer makes its first join', () => {
    sut.firstJoin();
    for (const logged of [coordinatorGone, loadingCrash, restarting]) sut.log(logged);
    expect(lines.map(([level]) => level)).toEqual(['debug', 'debug', 'debug']);
  });

  it('keeps other errors as errors during the first join', () => {
    sut.firstJoin();
    sut.log(unknownTopic);
    sut.log(restarting);
    expect(lines).toEqual([
      ['error', 'Response Metadata(key: 3, version: 6)'],
      ['error', 'Restarting the consumer in 300ms'],
    ]);
  });

  it('logs the same answers as errors once every consumer has joined', () => {
    const joined = sut.firstJoin();
    joined();
    joined();
    sut.log(coordinatorGone);
    sut.log(entry(logLevel.WARN, 'something odd'));
    expect(lines).toEqual([
      ['error', 'Response GroupCoordinator(key: 10, version: 2)'],
      ['warn', 'something odd'],
    ]);
    expect(sut.isSettling(new Error(SETTLING_ERRORS[0]))).toBe(false);
  });

  it('names the messages kafkajs gives for the settling error codes', () => {
    const { errorCodes } = require('kafkajs/src/protocol/error') as { errorCodes: { type: string; message: string }[] };
    const messages = ['GROUP_COORDINATOR_NOT_AVAILABLE', 'NOT_COORDINATOR_FOR_GROUP', 'GROUP_LOAD_IN_PROGRESS', 'LEADER_NOT_AVAILABLE'].map(
      (type) => errorCodes.find((code) => code.type === type)?.message,
    );
    expect(messages).toEqual(SETTLING_ERRORS);
  });
});
