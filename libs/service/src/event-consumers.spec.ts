// discoverConsumers: a feature module's marked providers are found with their own module's dependencies; a group id used twice is refused.
import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, NestFactory } from '@nestjs/core';
import { ConsumesEvents, discoverConsumers } from './event-consumers';
import { EventConsumerSpec } from './service-definition';

@Injectable()
class GreetUseCase {
  readonly greeting = 'hello';
}

@ConsumesEvents()
class GreetingConsumer implements EventConsumerSpec {
  readonly groupId = 'test.greetings';
  readonly topics = ['tenantry.test.v1'];
  constructor(readonly greet: GreetUseCase) {}
}

@ConsumesEvents()
class SameGroupConsumer implements EventConsumerSpec {
  readonly groupId = 'test.greetings';
  readonly topics = ['tenantry.other.v1'];
}

/** Not marked: the chassis leaves it alone even though it looks like a consumer. */
@Injectable()
class UnmarkedConsumer implements EventConsumerSpec {
  readonly groupId = 'test.unmarked';
  readonly topics = ['tenantry.test.v1'];
}

@Module({ providers: [GreetUseCase, GreetingConsumer, UnmarkedConsumer] })
class GreetingsModule {}

async function discoverIn(feature: new () => unknown): Promise<EventConsumerSpec[]> {
  @Module({ imports: [DiscoveryModule, feature] })
  class RootModule {}
  const app = await NestFactory.createApplicationContext(RootModule, { logger: false, abortOnError: false });
  try {
    return discoverConsumers(app.get(DiscoveryService));
  } finally {
    await app.close();
  }
}

describe(discoverConsumers.name, () => {
  it("finds the feature's marked consumer, built with its feature's providers, and nothing else", async () => {
    const found = await discoverIn(GreetingsModule);
    expect(found).toHaveLength(1);
    expect(found[0]).toBeInstanceOf(GreetingConsumer);
    expect((found[0] as GreetingConsumer).greet.greeting).toBe('hello');
  });

  it('refuses two consumers of one group', async () => {
    @Module({ providers: [SameGroupConsumer] })
    class OtherModule {}
    @Module({ imports: [GreetingsModule, OtherModule] })
    class BothModule {}
    await expect(discoverIn(BothModule)).rejects.toThrow('consumer group test.greetings is registered by more than one consumer');
  });
});
