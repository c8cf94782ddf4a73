// Mode selection: a declaration picks exactly one way of applying events, and says what it handles.
import { batchHandler, EventHandlers } from '../inbound-event';
import { consumerMode, handledEvents } from './consumer-mode';

const handlers: EventHandlers = { TenantCreated: () => Promise.resolve(), TenantDeleted: () => Promise.resolve() };
const batch = batchHandler(['UsageRecorded'], () => Promise.resolve());

describe(consumerMode.name, () => {
  const sut = consumerMode;

  it('picks one transaction per event for handlers', () => {
    expect(sut('g', { handlers })).toEqual({ handlers });
  });

  it('picks one transaction per batch for a batch handler', () => {
    expect(sut('g', { batch })).toEqual({ batch });
  });

  it.each([
    ['both', { handlers, batch }],
    ['neither', {}],
  ])('refuses a declaration with %s, naming the group', (_label, declaration) => {
    expect(() => sut('metering.usage', declaration)).toThrow('consumer metering.usage: give either handlers or batch');
  });
});

describe(handledEvents.name, () => {
  const sut = handledEvents;

  it('takes the handled types from the handlers or from the batch handler', () => {
    expect([...sut({ handlers })].sort()).toEqual(['TenantCreated', 'TenantDeleted']);
    expect([...sut({ batch })]).toEqual(['UsageRecorded']);
  });
});
