// Two projects: `unit` runs each package's schema and rules in-process; `integration` starts
// real servers (subgraphs + gateway over HTTP) on free ports against a real database.
const swc = ['@swc/jest', { swcrc: false, ...require('./swc.config.json') }];

// The named packages first; any other @gnbv/<name> is an agency at subgraphs/<name> (see ops/src/agencies.ts).
const moduleNameMapper = {
  '^@gnbv/platform$': '<rootDir>/platform/src/index.ts',
  '^@gnbv/kit$': '<rootDir>/subgraphs/kit/src/index.ts',
  '^@gnbv/kit/(testing|rules)$': '<rootDir>/subgraphs/kit/src/$1/index.ts',
  '^@gnbv/(gateway|ops)$': '<rootDir>/$1/src/index.ts',
  '^@gnbv/([a-z0-9-]+)$': '<rootDir>/subgraphs/$1/src/index.ts',
};

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper,
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
  setupFiles: ['reflect-metadata'],
};

module.exports = {
  // Integration suites start a whole platform in beforeAll; 2-core CI machines need the room.
  testTimeout: 60_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/platform/src/**/*.test.ts',
        '<rootDir>/subgraphs/*/src/**/*.test.ts',
        '<rootDir>/gateway/src/**/*.test.ts',
        '<rootDir>/ops/src/**/*.test.ts',
      ],
      // Tests that need a PostgreSQL server run with the integration project.
      testPathIgnorePatterns: ['/node_modules/', '\\.server\\.test\\.ts$'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/src/**/*.test.ts', '<rootDir>/ops/src/**/*.server.test.ts'],
      testTimeout: 60_000,
    },
  ],
};
