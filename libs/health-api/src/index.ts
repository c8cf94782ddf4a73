export * from './health.dto';
export * from './analytics.dto';
export * from './journeys.dto';
export * from './offboarding-reasons';
