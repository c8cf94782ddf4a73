import { loadConfig } from '@tenantry/config';
import { HealthScoringConfig } from '../health-scoring.config';
import { parseWeights } from './weights';

describe('HEALTH_WEIGHTS', () => {
  it('takes every component once with an integer weight 0–100', () => {
    expect(parseWeights('satisfaction=0, activity=50,revenue=20,compliance=10,performance=20')).toEqual({ activity: 50, revenue: 20, compliance: 10, performance: 20, satisfaction: 0 });
  });

  it.each([
    ['activity=30,revenue=25,compliance=15,performance=15', 'missing: satisfaction'],
    ['activity=30,revenue=25,compliance=15,performance=15,satisfaction=15,activity=1', 'given twice'],
    ['activity=30,revenue=25,compliance=15,performance=15,happiness=15', '"happiness" is not a component'],
    ['activity=300,revenue=25,compliance=15,performance=15,satisfaction=15', 'must be 0 to 100'],
    ['activity=0,revenue=0,compliance=0,performance=0,satisfaction=0', 'at least one weight'],
    ['activity:30', 'is not name=weight'],
  ])('refuses %s', (text, reason) => {
    expect(parseWeights(text)).toEqual(expect.stringContaining(reason));
  });

  it('fails the config naming HEALTH_WEIGHTS', () => {
    expect(() => loadConfig(HealthScoringConfig, { HEALTH_WEIGHTS: 'activity=1', INTERNAL_AUTH_VERIFY_KEYS: 'x' })).toThrow(/HEALTH_WEIGHTS/);
  });
});
