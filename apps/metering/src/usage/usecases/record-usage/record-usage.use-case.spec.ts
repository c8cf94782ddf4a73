import { ManualClock } from '@tenantry/service/testing';
import { UsageRecordedPayload } from '@tenantry/contracts';
import { MeteringConfig } from '../../../metering.config';
import { MeterCatalogue } from '../../../meters/meter-catalogue';
import { Meter } from '../../../meters/meter';
import { builtInMeter, InMemoryMeterRepository } from '../../../meters/testing/built-in-meters';
import { KnownTenants } from '../../../tenants/testing/known-tenants.repository';
import { UsagePublisher } from '../../usage.publisher';
import { EventKey, eventKey, UsageRepository } from '../../usage.repository';
import { RecordUsageCommand } from './record-usage.command';
import { RecordUsageUseCase } from './record-usage.use-case';

const NOW = new Date('2026-06-10T12:00:00.000Z');
const ACTIVE = '11111111-1111-4111-8111-111111111111';
const SUSPENDED = '22222222-2222-4222-8222-222222222222';

function usageWith(counted: EventKey[]): UsageRepository {
  const keys = new Set(counted.map(eventKey));
  return { countedEvents: async (wanted: readonly EventKey[]) => new Set(wanted.map(eventKey).filter((key) => keys.has(key))) } as unknown as UsageRepository;
}

class RecordingPublisher extends UsagePublisher {
  published: UsageRecordedPayload[] = [];
  constructor(private readonly failure?: Error) {
    super();
  }
  async publish(events: readonly UsageRecordedPayload[]) {
    if (this.failure) throw this.failure;
    this.published.push(...events);
  }
}

async function setup(options: { counted?: EventKey[]; failure?: Error } = {}) {
  const publisher = new RecordingPublisher(options.failure);
  const config = new MeteringConfig();
  const meters = new MeterCatalogue(new InMemoryMeterRepository(), config);
  await meters.reload();
  const sut = new RecordUsageUseCase(new KnownTenants({ [ACTIVE]: 'active', [SUSPENDED]: 'suspended' }), usageWith(options.counted ?? []), publisher, new ManualClock(NOW), config, meters);
  return { sut, publisher, meters };
}

const event = (eventId: string, overrides: object = {}) => ({ tenantId: ACTIVE, eventId, metric: 'api_calls', quantity: '1', timestamp: NOW.toISOString(), ...overrides });

describe(RecordUsageUseCase.name, () => {
  it('reports every event by index and publishes only the accepted ones, as source api', async () => {
    const { sut, publisher } = await setup();

    const results = await sut.execute(new RecordUsageCommand([event('a'), event('b', { metric: 'nope' }), event('c', { tenantId: SUSPENDED }), event('d', { quantity: '2.5' })]));

    expect(results).toEqual([
      { index: 0, eventId: 'a', status: 'accepted' },
      { index: 1, eventId: 'b', status: 'rejected', reason: 'unknown-metric' },
      { index: 2, eventId: 'c', status: 'rejected', reason: 'tenant-suspended' },
      { index: 3, eventId: 'd', status: 'accepted' },
    ]);
    expect(publisher.published.map((e) => [e.eventId, e.quantity, e.source])).toEqual([
      ['a', '1', 'api'],
      ['d', '2.5', 'api'],
    ]);
  });

  it("puts a unique meter's member on the event, so billing counts distinct members of any meter", async () => {
    const { sut, publisher, meters } = await setup();
    meters.put({ ...(builtInMeter('active_users') as Meter), key: 'seats', builtIn: false, valueProperty: 'seatId', recordedBy: ['api'], countedSources: ['api'] });

    await sut.execute(new RecordUsageCommand([event('s1', { metric: 'seats', properties: { seatId: 'a' } }), event('s2', { metric: 'seats', properties: { seatId: 'a' } }), event('n', { properties: { seatId: 'a' } })]));

    expect(publisher.published.map((e) => [e.eventId, e.aggregation, e.member])).toEqual([
      ['s1', 'unique', 'a'],
      ['s2', 'unique', 'a'],
      ['n', 'sum', undefined],
    ]);
  });

  it('reports already-counted events and repeats within the request as duplicates', async () => {
    const { sut, publisher } = await setup({ counted: [{ tenantId: ACTIVE, source: 'api', eventId: 'old' }] });

    const results = await sut.execute(new RecordUsageCommand([event('old'), event('new'), event('new')]));

    expect(results.map((r) => r.status)).toEqual(['duplicate', 'accepted', 'duplicate']);
    expect(publisher.published.map((e) => e.eventId)).toEqual(['new']);
  });

  it("refuses the metrics the platform measures, and takes no other source's event id for a client's", async () => {
    const { sut, publisher } = await setup({ counted: [{ tenantId: ACTIVE, source: 'collector', eventId: 'collector:storage_bytes:2026-06-10T12:05:00.000Z' }] });

    const results = await sut.execute(
      new RecordUsageCommand([
        event('collector:storage_bytes:2026-06-10T12:05:00.000Z', { metric: 'storage_bytes', quantity: '0' }),
        event('collector:database_bytes:2026-06-10T12:05:00.000Z', { metric: 'database_bytes', quantity: '0' }),
        event('collector:active_users:2026-06-10:ann', { metric: 'active_users', properties: { userId: 'ann' } }),
        event('collector:storage_bytes:2026-06-10T12:05:00.000Z'),
      ]),
    );

    expect(results.map((r) => [r.status, r.reason])).toEqual([
      ['rejected', 'metric-not-writable'],
      ['rejected', 'metric-not-writable'],
      ['rejected', 'metric-not-writable'],
      ['accepted', undefined],
    ]);
    expect(publisher.published.map((e) => [e.metric, e.source])).toEqual([['api_calls', 'api']]);
  });

  it('answers 503 when Kafka does not acknowledge, reporting nothing as accepted', async () => {
    const { sut } = await setup({ failure: new Error('broker down') });

    await expect(sut.execute(new RecordUsageCommand([event('a')]))).rejects.toMatchObject({ code: 'ingestion-unavailable', status: 503 });
  });
});
