import process from 'node:process';
import { randomUUID } from 'node:crypto';

/**
 * Runs once before any test worker starts: names this test run, so the browser tests (each in
 * a worker of its own) can share one `npm run build` of the product instead of each building
 * into the same `dist/` at once (see test/helpers/npmStart.ts). Workers inherit the variable.
 */
export default function globalSetup() {
  process.env['AVVIKELSE_TEST_RUN'] = randomUUID();
}
