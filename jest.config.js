// Three suites: unit (*.spec.ts, no I/O), int (*.int-spec.ts, real Kafka and Postgres) and
// e2e (apps/e2e, the whole stack through the gateway). `npm test` runs them in that order.
const { readFileSync } = require('node:fs');

const swc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swc.$schema;

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@tenantry/observability/tracing$': '<rootDir>/libs/observability/src/tracing.ts',
    '^@tenantry/(messaging|persistence|service)/testing$': '<rootDir>/libs/$1/src/testing/index.ts',
    '^@tenantry/tools/fault-run$': '<rootDir>/tools/fault/fault-run.ts',
    '^@tenantry/health-api/offboarding-reasons$': '<rootDir>/libs/health-api/src/offboarding-reasons.ts',
    '^@tenantry/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.cache/'],
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'int',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      slowTestThreshold: 60,
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/apps/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
    },
  ],
};
