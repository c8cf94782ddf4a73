/**
 * How a feature module hands its Kafka consumers to the chassis: the feature lists the consumer
 * among its own providers and marks it `@ConsumesEvents()`; MessagingHost finds every marked
 * provider at start-up. The consumer then resolves its use cases from the module that owns them,
 * so no module has to be global or imported twice for the chassis' sake.
 */
import { applyDecorators, Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { EventConsumerSpec } from './service-definition';

const Discoverable = DiscoveryService.createDecorator();

/** Marks an `EventConsumerSpec` provider as one the chassis runs (and makes it injectable). */
export function ConsumesEvents(): ClassDecorator {
  return applyDecorators(Injectable(), Discoverable());
}

/** Every marked consumer of the app, one instance each; a group id used twice is refused, as the two would split its partitions. */
export function discoverConsumers(discovery: DiscoveryService): EventConsumerSpec[] {
  const specs: EventConsumerSpec[] = [];
  for (const wrapper of discovery.getProviders({ metadataKey: Discoverable.KEY })) {
    if (!wrapper.isDependencyTreeStatic() || !wrapper.instance) throw new Error(`consumer ${wrapper.name} must be a singleton provider`);
    specs.push(wrapper.instance as EventConsumerSpec);
  }
  const seen = new Set<string>();
  for (const { groupId } of specs) {
    if (seen.has(groupId)) throw new Error(`consumer group ${groupId} is registered by more than one consumer`);
    seen.add(groupId);
  }
  return specs;
}
