/**
 * Jest runs the TypeScript sources as native ES modules (Node's --experimental-vm-modules),
 * compiled per file by SWC. Coverage uses V8, so it measures the code that really ran.
 * Two projects: everything under test/ in Node, and the investigator tab's and the Outlook pane's
 * component tests (test/tabs/*, test/outlook/*.tsx) in jsdom with Testing Library's matchers.
 */

/** @param {boolean} tsx */
const swc = (tsx) => [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx },
      target: 'es2022',
      transform: { react: { runtime: 'automatic' } },
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

/** What both projects share: SWC for .ts and .tsx, `./x.js` imports resolved to the sources. */
const shared = {
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  transform: { '^.+\\.ts$': swc(false), '^.+\\.tsx$': swc(true) },
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // office-addin-mock needs only office-addin-manifest's OfficeApp enum; the package's entry
    // pulls in an ES-module-only dependency that jest cannot require on Node 20.
    '^office-addin-manifest$': '<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js',
    // @microsoft/app-manifest requires strip-bom, whose release is ES-module-only likewise.
    '^strip-bom$': '<rootDir>/test/helpers/stripBom.cjs',
  },
};

/** @type {import('jest').Config} */
export default {
  projects: [
    {
      ...shared,
      displayName: 'node',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // The tab's own tests (test/tabs/*) run in jsdom below; its server door (test/tabs/server) here.
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/tabs/[^/]+$'],
    },
    {
      ...shared,
      displayName: 'tabs',
      testEnvironment: '<rootDir>/test/tabs/jsdomEnvironment.js',
      // The Outlook pane's component tests (test/outlook/*.tsx) too: the same kind of React code.
      testMatch: ['<rootDir>/test/tabs/*.test.{ts,tsx}', '<rootDir>/test/outlook/*.test.tsx'],
      setupFilesAfterEnv: ['<rootDir>/test/tabs/setup.ts'],
    },
  ],
  // A bound on how long a test may hang, not a timed assertion: on a busy 2-core CI machine a
  // store suite against the loopback Graph server can take several times its usual second.
  // (A global option: jest-circus reads the top-level value, not a project's.)
  testTimeout: 30_000,
  globalSetup: '<rootDir>/test/globalSetup.js',
  globalTeardown: '<rootDir>/test/globalTeardown.js',
  coverageProvider: 'v8',
  // Type-only modules compile to nothing, so V8 would count them as never run.
  collectCoverageFrom: [
    'src/**/*.{ts,tsx}',
    '!src/core/ports.ts',
    '!src/core/stateStore.ts',
    '!src/store/port.ts',
    '!src/tabs/**/*.types.ts',
    '!src/outlook/**/*.types.ts',
    '!src/tabs/api/types.ts',
    '!src/**/*.d.ts',
  ],
  coverageReporters: ['text-summary', 'text', 'json-summary'],
  coverageThreshold: {
    './src/core/': { lines: 90 },
  },
};
