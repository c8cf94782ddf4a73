// Decoding: handled events come out typed, other types are skipped unread, unreadable messages are poison.
import { KafkaMessage } from 'kafkajs';
import { EventName, toKafkaHeaders } from '@tenantry/contracts';
import { decodeMessage } from './message-decoder';

const TENANT = '6f1c2e0a-8d47-4b8e-b1b5-2a9b7d1c4e55';
const POSITION = { topic: 'tenantry.metering.usage.v1', partition: 2 };
const HANDLED = new Set(['UsageRecorded']);
const USAGE = { tenantId: TENANT, eventId: 'e-1', metric: 'api_calls', quantity: '3', timestamp: '2026-11-28T10:00:00.000Z', source: 'api' };

function message(type: EventName, value: string, withEnvelope = true): KafkaMessage {
  const headers = withEnvelope ? toKafkaHeaders({ id: 'id-1', type, source: '/tenantry/tests', time: '2026-11-28T10:00:00.000Z', schemaVersion: 1, tenantId: TENANT }) : {};
  return { key: Buffer.from(TENANT), value: Buffer.from(value), headers, offset: '41', timestamp: '0', attributes: 0 };
}

describe(decodeMessage.name, () => {
  const sut = decodeMessage;

  it('reads a handled event with its envelope, payload and position', () => {
    const decoded = sut(HANDLED, POSITION, message('UsageRecorded', JSON.stringify(USAGE)));
    expect(decoded.kind === 'event' && decoded.event).toMatchObject({ type: 'UsageRecorded', payload: USAGE, ...POSITION, offset: '41', key: TENANT, meta: { id: 'id-1' } });
  });

  it('skips a type the consumer does not handle without reading its value', () => {
    expect(sut(HANDLED, POSITION, message('TenantCreated', 'not even JSON')).kind).toBe('skip');
  });

  it.each([
    ['a value that is not JSON', 'not JSON', 'value is not valid JSON'],
    ['a payload that does not fit', JSON.stringify({ ...USAGE, quantity: '-1' }), 'invalid UsageRecorded payload'],
  ])('calls %s poison, saying why', (_label, value, reason) => {
    const decoded = sut(HANDLED, POSITION, message('UsageRecorded', value));
    expect(decoded.kind === 'poison' && decoded.reason).toContain(reason);
  });

  it('calls a message without an envelope poison', () => {
    const decoded = sut(HANDLED, POSITION, message('UsageRecorded', '{}', false));
    expect(decoded).toMatchObject({ kind: 'poison', reason: 'missing header ce_specversion' });
  });
});
