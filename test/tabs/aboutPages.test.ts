import { describe, expect, it } from '@jest/globals';
import { seriousViolations } from './axe.js';
import { aboutPage, aboutPaths } from '../../src/server/aboutPages.js';

/**
 * The privacy notice and terms of use as a browser reads them (jsdom): Swedish first under the
 * page's `lang="sv"`, the English marked `lang="en"`, headings in order, nothing to load, and no
 * serious accessibility violation. The server's door for them: test/integration/aboutPages.test.ts.
 */

function load(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

describe.each(Object.keys(aboutPaths) as (keyof typeof aboutPaths)[])('the %s page', (kind) => {
  it('is Swedish first, then English marked as such, with headings in order', () => {
    const page = load(aboutPage(kind, 'Halmstads kommun'));
    expect(page.documentElement.lang).toBe('sv');
    const english = page.querySelector('section[lang="en"]');
    expect(english).not.toBeNull();
    expect(page.querySelectorAll('h1')).toHaveLength(1);
    expect(page.querySelector('h1')?.closest('section[lang="en"]')).toBeNull();
    expect(english?.querySelector('h2')?.textContent).toMatch(/Avvikelse/);
    const levels = [...page.querySelectorAll('h1, h2, h3')].map((h) => Number(h.tagName[1]));
    levels.forEach((level, index) => {
      expect(level - (levels[index - 1] ?? 0)).toBeLessThanOrEqual(1);
    });
    expect(page.querySelectorAll('script, style, link, img, iframe')).toHaveLength(0);
  });

  it('has no serious or critical accessibility violation', async () => {
    const page = load(aboutPage(kind)).documentElement;
    document.documentElement.innerHTML = page.innerHTML;
    document.documentElement.lang = page.lang;
    expect(await seriousViolations(document)).toEqual([]);
  });
});
