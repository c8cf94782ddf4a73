export * from './notification.dto';
export * from './webhooks.dto';
