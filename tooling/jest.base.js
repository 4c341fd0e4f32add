// Shared jest settings: TypeScript is compiled to CommonJS by SWC, the same module
// format the published `main` entries use, so tests exercise the code users run.
const path = require('node:path');

const root = path.resolve(__dirname, '..');

/** @param {string} packageDir */
module.exports = function jestConfig(packageDir, overrides = {}) {
  return {
    rootDir: packageDir,
    testEnvironment: 'node',
    roots: ['<rootDir>/test'],
    testMatch: ['**/*.test.ts'],
    transform: {
      '^.+\\.(t|j)s$': [
        require.resolve('@swc/jest'),
        {
          jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
          module: { type: 'commonjs' },
        },
      ],
    },
    moduleNameMapper: {
      // A dynamic import() names the compiled file (`./x.js`, as NodeNext type-checking asks); the source is x.ts.
      '^(\\.{1,2}/.*)\\.js$': '$1',
      '^@genie/(errors|session-schema|storage|launcher|core)$': path.join(root, 'packages/$1/src/index.ts'),
    },
    testTimeout: 60_000,
    ...overrides,
  };
};
