/** Jest: unit tests beside the code, integration tests under test/, all on real PostgreSQL. */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
};

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/engine', '<rootDir>/apps', '<rootDir>/plugins', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', swc] },
  transformIgnorePatterns: ['/node_modules/(?!(jose|@noble/hashes)/)'],
  moduleNameMapper: {
    '^@liquide/engine$': '<rootDir>/engine/src/index.ts',
    '^@liquide/engine/tally$': '<rootDir>/engine/src/tally/index.ts',
    '^@liquide/engine/ballot-methods$': '<rootDir>/engine/src/ballot-methods/index.ts',
    '^@liquide/engine/(.*)$': '<rootDir>/engine/src/$1',
    '^@liquide/server/(.*)$': '<rootDir>/apps/server/src/$1',
    '^@liquide/plugin-([a-z-]+)$': '<rootDir>/plugins/$1/src/index.ts',
  },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // generous: on a busy machine (load 10 and more) starting an app and its database copy takes tens of seconds
  testTimeout: 120000,
};
