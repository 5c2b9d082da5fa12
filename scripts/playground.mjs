#!/usr/bin/env node
/**
 * `npm run playground`: the Microsoft 365 Agents Playground (a local Teams look-alike) on the bot
 * that `npm start` serves, so you can chat with it without a tenant.
 *
 * - Loopback only: the Playground listens on all interfaces and has no host option, so it runs
 *   with the `loopback-only.cjs` preload, which binds each of its servers to 127.0.0.1 and
 *   refuses any connection off loopback.
 * - Telemetry off: `--disable-telemetry`, and `APPLICATION_INSIGHTS_NO_STATSBEAT` for the SDK's
 *   own usage reports, which that flag does not stop. No browser is opened
 *   (`TEAMSAPPTESTER_BROWSER=none`).
 * - Its log goes to the temporary folder, not to `./devTools/` in the working tree.
 *
 * Settings (environment):
 *   PLAYGROUND_PORT          port of the Playground's web UI and mock connector (default 56150;
 *                            0 = any free port; if taken, the Playground picks a free one)
 *   PLAYGROUND_BOT_ENDPOINT  the bot's messaging endpoint
 *                            (default http://127.0.0.1:${PORT:-3978}/api/messages)
 *
 * Prints the address to open once the Playground listens; Ctrl+C (SIGINT) or SIGTERM stops it.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** Reads a TCP port setting, or stops with a message naming it. */
function portSetting(name, fallback) {
  const text = process.env[name]?.trim() || String(fallback);
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    process.stderr.write(
      `${name} måste vara ett portnummer 0–65535 / ${name} must be a port number 0–65535 (got "${text}").\n`,
    );
    process.exit(2);
  }
  return port;
}

const port = portSetting('PLAYGROUND_PORT', 56150);
const botPort = portSetting('PORT', 3978);
const endpoint =
  process.env.PLAYGROUND_BOT_ENDPOINT?.trim() || `http://127.0.0.1:${botPort}/api/messages`;
const endpointHost = URL.canParse(endpoint) ? new URL(endpoint).hostname : '';
if (!/^(localhost|127(\.\d{1,3}){3}|\[::1\])$/.test(endpointHost)) {
  // The preload refuses every connection off loopback, so a remote bot could not be reached.
  process.stderr.write(
    `PLAYGROUND_BOT_ENDPOINT måste vara en URL på 127.0.0.1 eller localhost / must be a URL on 127.0.0.1 or localhost (got "${endpoint}").\n`,
  );
  process.exit(2);
}

const cli = join(
  dirname(require.resolve('@microsoft/m365agentsplayground/package.json')),
  'cli.js',
);
const logDir = join(tmpdir(), 'avvikelse-playground');
mkdirSync(logDir, { recursive: true });
const logFile = process.env.M365_AGENTS_PLAYGROUND_LOGFILE || join(logDir, 'playground.log');

const child = spawn(
  process.execPath,
  [
    '-r',
    join(here, 'loopback-only.cjs'),
    cli,
    '-e',
    endpoint,
    '-c',
    'msteams',
    '-p',
    String(port),
    '--disable-telemetry',
  ],
  {
    env: {
      ...process.env,
      TEAMSAPPTESTER_BROWSER: 'none',
      // --disable-telemetry only stops its events: its Application Insights SDK would still
      // probe Azure instance metadata and send its own "statsbeat" (the preload refuses both).
      APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
      M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);

let announced = false;
let buffered = '';
child.stdout.setEncoding('utf8');
child.stdout.on('data', (chunk) => {
  buffered += chunk;
  let newline;
  while ((newline = buffered.indexOf('\n')) >= 0) {
    const line = buffered.slice(0, newline).trimEnd();
    buffered = buffered.slice(newline + 1);
    const listening = /^Listening on (\d+)$/.exec(line);
    if (listening && !announced) {
      announced = true;
      process.stdout.write(
        [
          'Microsoft 365 Agents Playground',
          `  Öppna / Open:  http://127.0.0.1:${listening[1]}`,
          `  Bot:           ${endpoint}`,
          `  Logg / Log:    ${logFile}`,
          '  Bara loopback, telemetri av / Loopback only, telemetry off. Ctrl+C stoppar / stops.',
          '',
        ].join('\n'),
      );
    } else if (line !== '') {
      process.stdout.write(`${line}\n`);
    }
  }
});

// The bot need not run yet (the Playground waits for it), but say so if it does not.
const health = new URL('/healthz', endpoint);
const { fetch, AbortSignal } = globalThis;
fetch(health, { signal: AbortSignal.timeout(2000) }).catch(() => {
  process.stderr.write(
    `Boten svarar inte på ${health.href} ännu: starta den med \`npm start\`.\n` +
      `The bot does not answer on ${health.href} yet: start it with \`npm start\`.\n`,
  );
});

let stopping = false;
function stop(signal) {
  if (stopping) {
    // A second Ctrl+C: do not wait any longer.
    child.kill('SIGKILL');
    return;
  }
  stopping = true;
  child.kill(signal);
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));

child.on('error', (error) => {
  process.stderr.write(`Playground kunde inte starta / could not start: ${error.message}\n`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (stopping) process.exit(0);
  process.stderr.write(
    `Playground avslutades / exited (${signal ?? `code ${String(code)}`}); se / see ${logFile}\n`,
  );
  process.exit(code ?? 1);
});
