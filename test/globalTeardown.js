import process from 'node:process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Removes the shared build's lock and mark of this run (see test/globalSetup.js). */
export default function globalTeardown() {
  const run = process.env['AVVIKELSE_TEST_RUN'];
  if (run === undefined) return;
  const base = path.join(tmpdir(), `avvikelse-build-${run}`);
  rmSync(`${base}.lock`, { recursive: true, force: true });
  rmSync(`${base}.done`, { force: true });
}
