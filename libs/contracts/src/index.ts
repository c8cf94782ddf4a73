// Decorator metadata must exist before any payload class is declared.
import 'reflect-metadata';
export * from './topics';
export * from './catalogue';
export * from './envelope';
export * from './validate-payload';
export * from './events/shared.payload';
export * from './events/tenant-lifecycle.event';
export * from './events/provisioning.event';
export * from './events/usage.event';
export * from './events/billing.event';
export * from './events/health.event';
export * from './events/notifications.event';
export * from './events/operations.event';
export * from './events/webhooks.event';
export * from './events/journeys.event';
