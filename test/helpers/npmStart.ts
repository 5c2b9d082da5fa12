import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The product started the way a person starts it: `npm start` in the repository (its `prestart`
 * builds the server and the tab first), in a process group of its own so that stopping it stops
 * npm, the shell and the server together. The address is read from what the product announces,
 * so a free port (PORT=0) works.
 */

/** A product started by `npm start`. */
export interface NpmStarted {
  /** The base URL the product announced, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Everything npm, the build and the product wrote so far (stdout and stderr interleaved). */
  output: () => string;
  /** SIGTERM to the whole group, SIGKILL if it is still there after `graceMs`; safe to call twice. */
  stop: (graceMs?: number) => Promise<void>;
}

/** The last `n` characters of a text, marked when cut. */
export function tail(text: string, n = 4000): string {
  return text.length <= n ? text : `…${text.slice(-n)}`;
}

/** Resolves after `ms`, or when `done` settles first; leaves no timer behind. */
export async function within<T>(done: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      resolve('timeout');
    }, ms);
  });
  try {
    return await Promise.race([done, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function stopGroup(child: ChildProcess): (graceMs?: number) => Promise<void> {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else
      child.once('exit', () => {
        resolve();
      });
  });
  return async (graceMs = 10_000) => {
    if (child.pid === undefined) return;
    const group = -child.pid;
    const signal = (name: NodeJS.Signals): void => {
      try {
        process.kill(group, name);
      } catch {
        // The group is gone already.
      }
    };
    signal('SIGTERM');
    if ((await within(exited, graceMs)) === 'timeout') {
      signal('SIGKILL');
      await within(exited, 5_000);
    }
  };
}

/**
 * `npm run build` once per jest run (named by AVVIKELSE_TEST_RUN, set in test/globalSetup.js),
 * whichever worker asks first; the others wait for it. A directory made with `mkdir` is the
 * lock (atomic across processes), a file beside it says the build is done. False outside jest.
 */
async function buildOncePerTestRun(
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<boolean> {
  const run = process.env['AVVIKELSE_TEST_RUN'];
  if (run === undefined) return false;
  const base = path.join(tmpdir(), `avvikelse-build-${run}`);
  const lock = `${base}.lock`;
  const done = `${base}.done`;
  let builder = false;
  try {
    mkdirSync(lock);
    builder = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (builder) {
    const outcome = spawnSync('npm', ['run', 'build'], {
      cwd,
      env,
      encoding: 'utf8',
      timeout: timeoutMs,
    });
    writeFileSync(done, outcome.status === 0 ? 'ok' : `${outcome.stdout}\n${outcome.stderr}`);
  }
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(done)) {
    if (Date.now() > deadline) throw new Error('The shared build did not finish in time.');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const result = readFileSync(done, 'utf8');
  if (result !== 'ok') throw new Error(`npm run build failed:\n${tail(result)}`);
  return true;
}

/**
 * Runs `npm start` in `cwd` with `env` and waits (at most `timeoutMs`, the build included) until
 * the product has announced its doors. Rejects with npm's output when it exits first, stays
 * silent too long, or does not serve `requiredPath` (e.g. `/tab/`, absent without a built tab).
 */
export async function npmStart(options: {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  requiredPath?: string;
}): Promise<NpmStarted> {
  const { cwd, env, timeoutMs, requiredPath } = options;
  // Within a jest run the product is built once for all browser tests (they run in parallel
  // workers and would otherwise rebuild `dist/` under each other's feet); `npm start` then
  // skips its `prestart` build. Run alone, outside jest, `npm start` builds as a person's does.
  const prebuilt = await buildOncePerTestRun(cwd, env, timeoutMs);
  const child = spawn('npm', prebuilt ? ['start', '--ignore-scripts'] : ['start'], {
    cwd,
    env,
    // Its own process group: npm, `sh -c` and node all go with one signal to the group.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = stopGroup(child);
  const started = Date.now();

  return new Promise<NpmStarted>((resolve, reject) => {
    let settled = false;
    const fail = (why: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop(2_000).finally(() => {
        reject(new Error(`${why}\nOutput of npm start (last 4000 characters):\n${tail(output)}`));
      });
    };
    const timer = setTimeout(() => {
      fail(`npm start did not announce the product within ${String(timeoutMs / 1000)} s.`);
    }, timeoutMs);

    const collect = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (settled) return;
      // The announcement is one block; its last row in local mode is the demo users' door.
      const demoUsers = /Demo users:\s+(http:\/\/\S+?)\/dev\/users\s*$/m.exec(output);
      if (demoUsers?.[1] === undefined) return;
      const url = demoUsers[1];
      if (requiredPath !== undefined && !output.includes(`${url}${requiredPath}`)) {
        fail(`npm start came up without serving ${requiredPath}.`);
        return;
      }
      settled = true;
      clearTimeout(timer);
      resolve({ url, output: () => output, stop });
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) => {
      fail(`npm start could not be run: ${error.message}`);
    });
    child.on('exit', (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      fail(`npm start exited (${signal ?? String(code)}) after ${seconds} s, before it listened.`);
    });
  });
}
