/**
 * The journeys' Kafka consumer groups (beside health scoring's own in ../service.ts; kept here so the
 * journeys stay in their folder). Never rename one: its committed offsets are kept under the id.
 */
export const JOURNEY_CONSUMER_GROUPS = {
  lifecycle: 'health-scoring.journeys.lifecycle',
  usage: 'health-scoring.journeys.usage',
  billing: 'health-scoring.journeys.billing',
  health: 'health-scoring.journeys.health',
} as const;
