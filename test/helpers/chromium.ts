import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext, type BrowserContextOptions } from 'playwright-core';

/** Debian's chromium, which .ci/run installs. */
export const CHROMIUM = '/usr/bin/chromium';

/** Flags that keep chromium headless and off the network but for what a page asks. */
const flags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches chromium for a browser test in a fresh profile under `dir`, with every request off
 * loopback refused and its origin added to `blocked`: nothing leaves the machine, and a test can
 * show what was attempted. Fails at once, saying how to install it, when chromium is missing.
 */
export async function launchLoopbackChromium(
  dir: string,
  options: {
    /** Timeout for launching and the context's default for every wait. */
    timeoutMs: number;
    /** Where refused origins are recorded. */
    blocked: Set<string>;
    /** The page's size, locale, time zone and colour scheme. */
    context?: Pick<BrowserContextOptions, 'viewport' | 'locale' | 'timezoneId' | 'colorScheme'>;
  },
): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser test needs Debian's chromium at ${CHROMIUM}. Install it with:\n` +
        '  sudo apt-get update && sudo apt-get install -y chromium',
    );
  }
  const profile = path.join(dir, 'chromium-profile');
  mkdirSync(profile);
  const context = await chromium.launchPersistentContext(profile, {
    headless: true,
    deviceScaleFactor: 1,
    ...options.context,
    executablePath: CHROMIUM,
    args: flags,
    timeout: options.timeoutMs,
  });
  context.setDefaultTimeout(options.timeoutMs);
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') {
      await route.continue();
    } else {
      options.blocked.add(url.origin);
      await route.abort('blockedbyclient');
    }
  });
  return context;
}
