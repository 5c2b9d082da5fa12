import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Fastify from 'fastify';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { aboutPaths, registerAboutPages } from '../../src/server/aboutPages.js';
import { start, type Started } from '../../src/server/main.js';

/**
 * The privacy notice and terms of use the app package links to, served by the product on a real
 * socket: open without a token, with the publisher's name and the security headers. Their
 * structure and accessibility are tested in jsdom with axe (test/tabs/aboutPages.test.ts).
 */

const quiet = new Writable({
  write(_chunk, _encoding, done) {
    done();
  },
});

/** The page's text without tags, whitespace folded. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('the privacy and terms pages', () => {
  let product: Started;

  beforeAll(async () => {
    product = await start(
      {
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        AVVIKELSE_DEVELOPER_NAME: 'Västerås stad',
      },
      {
        logDestination: quiet,
        announce: () => undefined,
        handleSignals: false,
        compose: () => Promise.resolve({ registerRoutes: () => undefined }),
      },
    );
  });
  afterAll(async () => {
    await product.close();
  });

  it.each([
    [aboutPaths.privacy, 'Så behandlas personuppgifter i Avvikelse'],
    [aboutPaths.terms, 'Villkor för att använda Avvikelse'],
  ])('serves %s to anyone, as a page with the security headers', async (path, title) => {
    const response = await fetch(`${product.url}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await response.text();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain(`<h1>${title}</h1>`);
  });

  it('names the configured publisher, in the Swedish genitive where it needs one', async () => {
    const text = textOf(await (await fetch(`${product.url}${aboutPaths.privacy}`)).text());
    expect(text).toContain('Personuppgiftsansvarig är Västerås stad.');
    expect(text).toContain('I Västerås stads egen Microsoft 365');
    expect(text).toContain('The controller is Västerås stad.');
  });

  it("is where the app package's privacy and terms links lead", () => {
    const manifest = JSON.parse(readFileSync('appPackage/manifest.json', 'utf8')) as {
      developer: { privacyUrl: string; termsOfUseUrl: string };
    };
    expect(manifest.developer.privacyUrl).toBe(`https://\${{AVVIKELSE_HOST}}${aboutPaths.privacy}`);
    expect(manifest.developer.termsOfUseUrl).toBe(
      `https://\${{AVVIKELSE_HOST}}${aboutPaths.terms}`,
    );
  });
});

describe('registerAboutPages', () => {
  /** The page at `path` from a bare server with only the about pages. */
  async function pageOf(path: string, publisherName?: string): Promise<string> {
    const app = Fastify();
    registerAboutPages(app, { publisherName });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      return await (await fetch(`${address}${path}`)).text();
    } finally {
      await app.close();
    }
  }

  it('speaks of "the organisation" without a publisher, and escapes a given name', async () => {
    const withoutName = textOf(await pageOf(aboutPaths.privacy));
    expect(withoutName).toContain('Personuppgiftsansvarig är organisationen.');
    expect(withoutName).toContain('organisationens dataskyddsombud');
    expect(withoutName).toContain('The controller is the organisation.');

    const named = await pageOf(aboutPaths.terms, 'Kommun <b>&</b> Co');
    expect(named).toContain('Kommun &lt;b&gt;&amp;&lt;/b&gt; Co');
    expect(named).not.toContain('<b>');
  });
});
