import { DatabaseError } from 'pg';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { isTransientInfrastructureError, NonRetryableError } from './errors';

function pgError(code: string, message = 'pg error'): DatabaseError {
  const error = new DatabaseError(message, 0, 'error');
  error.code = code;
  return error;
}

describe(isTransientInfrastructureError.name, () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a server shutting down (57P01), wrapped by TypeORM', new QueryFailedError('SELECT 1', [], pgError('57P01', 'terminating connection due to administrator command'))],
    ['a connection exception class (08006)', pgError('08006')],
    ['a deadlock (40P01)', pgError('40P01')],
    ['a dropped socket', new Error('Connection terminated unexpectedly')],
    // The server went away between two statements of a transaction: TypeORM released the runner.
    ['a released query runner', new QueryRunnerAlreadyReleasedError()],
    ['a released query runner behind an entity manager', new QueryRunnerProviderAlreadyReleasedError()],
  ])('waits out %s', (_what, error) => {
    expect(isTransientInfrastructureError(error)).toBe(true);
  });

  it.each([
    ['a unique violation (23505)', pgError('23505')],
    ['a refused event', new NonRetryableError('tenant unknown')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['a non-error', 'oops'],
  ])('does not wait out %s', (_what, error) => {
    expect(isTransientInfrastructureError(error)).toBe(false);
  });
});
