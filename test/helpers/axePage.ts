import axe from 'axe-core';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';

/**
 * axe-core in a real page: its own source injected into the page (no CDN, no @axe-core/playwright,
 * whose current release needs a newer Node), run on the whole document against the WCAG 2.0 and
 * 2.1 A and AA rules, contrast included, since a real browser has the pixels jsdom lacks.
 */

/** The rule tags checked: WCAG 2.0 and 2.1, levels A and AA. */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** What the page's global object offers here (the test code is compiled without the DOM's types). */
interface AxeWindow {
  axe?: { run: (context: unknown, options: unknown) => Promise<AxeResults> };
  document: unknown;
}

/** Runs axe on the page as it is now; injects axe first if the page does not have it yet. */
export async function runAxe(page: Page): Promise<AxeResults> {
  const present = await page.evaluate(() => (globalThis as unknown as AxeWindow).axe !== undefined);
  // Evaluated through the DevTools protocol, which the page's CSP (script-src 'self') allows,
  // unlike an inline <script> element.
  if (!present) await page.evaluate(axe.source);
  return page.evaluate((tags) => {
    const window = globalThis as unknown as AxeWindow;
    if (window.axe === undefined) throw new Error('axe-core did not load into the page');
    return window.axe.run(window.document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
  }, wcagTags);
}

/** The violations that count as blocking here: impact serious or critical. */
export function seriousViolations(results: AxeResults): Result[] {
  return results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
}

/** A readable list: rule id, impact, what it checks, and each offending element with axe's summary. */
export function describeViolations(violations: Result[]): string {
  if (violations.length === 0) return '(none)';
  return violations
    .map((violation) => {
      const nodes = violation.nodes
        .slice(0, 8)
        .map((node) => {
          const summary = (node.failureSummary ?? '').replace(/\s+/g, ' ').trim();
          return `    - ${node.target.join(' ')}\n      ${node.html.slice(0, 200)}\n      ${summary}`;
        })
        .join('\n');
      const more =
        violation.nodes.length > 8 ? `\n    … and ${String(violation.nodes.length - 8)} more` : '';
      return `  ${violation.id} (${String(violation.impact)}): ${violation.help}\n    ${violation.helpUrl}\n${nodes}${more}`;
    })
    .join('\n');
}

/** Counts of violations per impact, e.g. `{ moderate: 1 }`, for a report line. */
export function impactCounts(results: AxeResults): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const violation of results.violations) {
    const impact = violation.impact ?? 'unknown';
    counts[impact] = (counts[impact] ?? 0) + 1;
  }
  return counts;
}
