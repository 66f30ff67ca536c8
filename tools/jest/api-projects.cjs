// Jest projects for the Node side (api, libs, tools). One Jest process runs them all with
// maxWorkers=2, which is far cheaper on 2 cores than one Jest per Nx project.
const { paths } = require('../../tsconfig.base.json').compilerOptions;

const moduleNameMapper = Object.fromEntries(
  Object.entries(paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);

const transform = {
  '^.+\\.(t|j)s$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
        keepClassNames: true,
      },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    },
  ],
};

const roots = ['<rootDir>/libs/api', '<rootDir>/libs/testing', '<rootDir>/apps/api', '<rootDir>/tools', '<rootDir>/docker'];
// A few dependencies ship ESM only; let swc turn them into CommonJS for Jest.
const transformIgnorePatterns = ['/node_modules/(?!(.*/)?(content-disposition)/)'];
const base = { transformIgnorePatterns, rootDir: require('path').resolve(__dirname, '../..'), testEnvironment: 'node', transform, moduleNameMapper, roots };

/** Integration specs run once per dialect; the setup file picks the database from TEST_DB. */
const integration = (dialect) => ({
  ...base,
  displayName: `int-${dialect}`,
  // Boots, migrations and argon2 hashing on a shared 2-core machine: generous, not timed tests.
  setupFilesAfterEnv: ['<rootDir>/tools/jest/timeout-60.cjs'],
  testMatch: ['**/*.int-spec.ts'],
  setupFiles: [`<rootDir>/tools/jest/dialect-${dialect}.cjs`],
});

module.exports = [
  { ...base, displayName: 'unit', setupFilesAfterEnv: ['<rootDir>/tools/jest/timeout-30.cjs'], testMatch: ['**/*.spec.ts'], testPathIgnorePatterns: ['/node_modules/', '\\.int-spec\\.ts$', '\\.e2e-spec\\.ts$', '<rootDir>/apps/.*-e2e/'] },
  integration('sqlite'),
  integration('mysql'),
  { ...base, displayName: 'api-e2e', roots: ['<rootDir>/apps/api-e2e'], testMatch: ['**/*.e2e-spec.ts'], setupFilesAfterEnv: ['<rootDir>/tools/jest/timeout-180.cjs'] },
];
