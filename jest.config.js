/**
 * Jest runs the TypeScript sources as native ES modules (Node's --experimental-vm-modules),
 * compiled per file by SWC. Coverage uses V8, so it measures the code that really ran.
 * @type {import('jest').Config}
 */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'es6' },
        sourceMaps: 'inline',
      },
    ],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  coverageProvider: 'v8',
  // Type-only modules compile to nothing, so V8 would count them as never run.
  collectCoverageFrom: [
    'src/**/*.ts',
    '!src/core/ports.ts',
    '!src/core/stateStore.ts',
    '!src/store/port.ts',
  ],
  coverageReporters: ['text-summary', 'text', 'json-summary'],
  coverageThreshold: {
    './src/core/': { lines: 90 },
  },
};
