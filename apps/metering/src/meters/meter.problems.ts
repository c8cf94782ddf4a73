/** Errors of the meters API. */
import { defineProblems, ProblemException } from '@tenantry/service';

export const METER_PROBLEMS = defineProblems({
  'meter-not-found': { status: 404, title: 'No such meter' },
  'meter-exists': { status: 409, title: 'A meter with this key exists' },
  'meter-has-usage': { status: 409, title: 'The meter has usage: its aggregation cannot change' },
  'meter-built-in': { status: 409, title: 'A built-in meter keeps this field' },
});

export const meterNotFound = (key: string): ProblemException => METER_PROBLEMS['meter-not-found'](`There is no meter ${key}`);
export const meterExists = (key: string): ProblemException => METER_PROBLEMS['meter-exists'](`A meter ${key} exists already; change it with PUT /meters/${key}`);
export const meterHasUsage = (key: string, from: string, to: string): ProblemException =>
  METER_PROBLEMS['meter-has-usage'](
    `Meter ${key} already has usage aggregated as ${from}; changing it to ${to} would make its figures mean two things. Define a new meter with aggregation ${to} instead.`,
    { field: 'aggregation' },
  );
export const meterBuiltIn = (key: string, fields: string[]): ProblemException =>
  METER_PROBLEMS['meter-built-in'](`${key} is a built-in meter: only description and countedSources can change, not ${fields.join(', ')}`, { fields });
