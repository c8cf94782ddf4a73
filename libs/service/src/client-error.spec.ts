import { clientErrorProblem } from './client-error';

describe('client errors', () => {
  it.each([
    ['HPE_HEADER_OVERFLOW', 431, 'https://tenantry.dev/problems/request-header-fields-too-large'],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408, 'https://tenantry.dev/problems/request-timeout'],
    ['HPE_INVALID_METHOD', 400, 'https://tenantry.dev/problems/bad-request'],
  ])('%s → %i %s', (code, status, type) => {
    expect(clientErrorProblem(Object.assign(new Error('refused'), { code }))).toMatchObject({ status, type });
  });
});
