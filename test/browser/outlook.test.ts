import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { fieldLabels } from '../../src/core/fields.js';
import {
  reportPaneStrings,
  reportResultStrings,
} from '../../src/outlook/components/ReportPane/reportPaneStrings.js';
import { OFFICE_JS_HOST } from '../../src/server/outlookRoutes.js';
import { launchLoopbackChromium } from '../helpers/chromium.js';
import { describeViolations, runAxe, seriousViolations } from '../helpers/axePage.js';
import { npmStart, tail, type NpmStarted } from '../helpers/npmStart.js';
import { identityNumbers, jobPlanEmail, type MailFixture } from '../outlook/mailFixtures.js';

/**
 * The Outlook pane as the coach meets it: the product started with `npm start` (which builds the
 * pane) on a fresh data folder, and Debian's chromium loading `/outlook/` with Office.js answered
 * by a small fake that shows the job-plan e-mail of ../shared/scenarios (no network: every other
 * request off loopback is refused). The coach signs in as a demo user, ticks the wrong recipient,
 * fills the questions left and files; the API then has the case, with the IMY deadline 72 hours
 * after discovery and the e-mail's facts but never its body or its identity numbers. axe checks
 * the pane. With UPDATE_DOCS=1 it saves docs/outlook-pane.png.
 */

jest.setTimeout(180_000);

const START_MS = 300_000;
const STEP_MS = 30_000;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const screenshot = path.join(repoRoot, 'docs/outlook-pane.png');
const s = reportPaneStrings.sv;

/** Office.js as Outlook would give the pane on a read message: onReady and the item, from the fixture. */
function fakeOfficeJs(fixture: MailFixture): string {
  return `(() => {
  const fixture = ${JSON.stringify(fixture)};
  const item = {
    itemType: fixture.itemType,
    subject: fixture.subject,
    dateTimeCreated: new Date(fixture.dateTimeCreated),
    to: fixture.to, cc: fixture.cc, bcc: fixture.bcc,
    attachments: fixture.attachments,
    body: { getAsync: (type, callback) => callback({ status: 'succeeded', value: fixture.body }) },
  };
  window.Office = {
    onReady: () => Promise.resolve({ host: 'Outlook', platform: 'OfficeOnline' }),
    context: {
      displayLanguage: fixture.displayLanguage,
      mailbox: { item, userProfile: { emailAddress: fixture.userAddress } },
    },
    CoercionType: { Text: 'text' },
  };
})();`;
}

let workDir: string | undefined;
let product: NpmStarted | undefined;
let context: BrowserContext | undefined;
let page: Page;
const blocked = new Set<string>();
const pageErrors: string[] = [];
const officeRequests: string[] = [];

function diagnostics(): string {
  return [
    `Browser errors: ${pageErrors.join(' | ') || '(none)'}`,
    `Refused off loopback: ${[...blocked].join(', ') || '(none)'}`,
    `npm start output:\n${tail(product?.output() ?? '', 3000)}`,
  ].join('\n');
}

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'avvikelse-outlook-'));
  workDir = dir;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AVVIKELSE_MODE: 'local',
    HOST: '127.0.0.1',
    PORT: '0',
    AVVIKELSE_DATA_DIR: path.join(dir, 'data'),
    AVVIKELSE_PUBLIC_URL: '',
    AVVIKELSE_OWN_DOMAINS: 'stockholm.se',
    LOG_LEVEL: 'warn',
  };
  // jest sets NODE_ENV=test, which would make Vite build React's development build.
  delete env.NODE_ENV;
  product = await npmStart({ cwd: repoRoot, env, timeoutMs: START_MS, requiredPath: '/outlook/' });
  context = await launchLoopbackChromium(dir, {
    timeoutMs: STEP_MS,
    blocked,
    context: {
      viewport: { width: 400, height: 900 },
      locale: 'sv-SE',
      timezoneId: 'Europe/Stockholm',
      colorScheme: 'light',
    },
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // Office.js is Microsoft's, loaded inside Outlook; here a fake answers its address instead.
  await page.route(`${OFFICE_JS_HOST}/**`, async (route) => {
    officeRequests.push(route.request().url());
    await route.fulfill({ contentType: 'text/javascript', body: fakeOfficeJs(jobPlanEmail) });
  });
}, START_MS + 60_000);

afterAll(async () => {
  await context?.close();
  await product?.stop();
  if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
}, 30_000);

interface CaseJson {
  id: string;
  registrationNumber: string | null;
  deadlines: { kind: string; dueAt: string }[];
  report: { answers: Record<string, unknown> };
}

describe('the Outlook pane in chromium', () => {
  it('files the job-plan e-mail and the case has the 72-hour IMY deadline', async () => {
    try {
      await page.goto(`${product!.url}/outlook/`);
      // Local mode: pick the demo coach.
      await page.getByRole('radio', { name: /Jonas Quist/ }).check();
      await page.getByRole('button', { name: 'Logga in' }).click();

      await page.getByRole('checkbox', { name: /a\.person@example\.org/ }).check();
      await page.getByText(s.identityNumbers(1)).waitFor();
      await page
        .getByRole('textbox', { name: fieldLabels['dataSubjects.categories'].sv })
        .fill('aspiranter');
      await page
        .getByRole('textbox', { name: fieldLabels.measuresTaken.sv })
        .fill('Mottagaren ombads radera mejlet.');
      const discovered = await page.getByLabel(fieldLabels.discoveredAt.sv).inputValue();

      const axe = seriousViolations(await runAxe(page));
      expect(describeViolations(axe)).toBe('(none)');
      if (process.env.UPDATE_DOCS === '1') {
        await page.screenshot({ path: screenshot, fullPage: true, animations: 'disabled' });
      }

      await page.getByRole('button', { name: s.submit }).click();
      await page.getByRole('heading', { name: reportResultStrings.sv.heading }).waitFor();
      const registration = await page.getByText(/^AMN \d{4}-\d{4}-[0-9.]+$/).textContent();
      expect(seriousViolations(await runAxe(page))).toEqual([]);

      // The case in the store, as the data protection officer (who handles breaches) reads it.
      const tokenOf = async (user: string): Promise<string> => {
        const response = await fetch(`${product!.url}/dev/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ user }),
        });
        return ((await response.json()) as { token: string }).token;
      };
      const dpo = { authorization: `Bearer ${await tokenOf('u-dpo')}` };
      const list = (await (
        await fetch(`${product!.url}/api/cases?type=personalDataBreach`, { headers: dpo })
      ).json()) as { items: { case: { id: string } }[] };
      expect(list.items).toHaveLength(1);
      const id = list.items[0]!.case.id;
      const filed = (
        (await (await fetch(`${product!.url}/api/cases/${id}`, { headers: dpo })).json()) as {
          case: CaseJson;
        }
      ).case;
      expect(filed.registrationNumber).toBe(registration);
      const answers = filed.report.answers;
      const discoveredAt = answers.discoveredAt as string;
      // The form's Stockholm wall-clock time, with Stockholm's offset.
      expect(discoveredAt.slice(0, 16)).toBe(discovered);
      const imy = filed.deadlines.find((deadline) => deadline.kind === 'imyNotification');
      expect(Date.parse(imy!.dueAt) - Date.parse(discoveredAt)).toBe(72 * 3_600_000);
      expect(answers.email).toEqual({
        subject: 'Din jobbplan',
        sentAt: '2020-05-27T08:12:00.000Z',
        wrongRecipients: ['a.person@example.org'],
        externalRecipients: 1,
        recipientsVisible: false,
        visibleRecipientCount: 1,
        attachments: [{ name: 'jobbplan.pdf', size: 48211 }],
        personalIdentityNumberCount: 1,
        bodyTruncated: false,
      });
      const stored = JSON.stringify(filed);
      expect(stored).not.toContain(identityNumbers[0]);
      expect(stored).not.toContain('Hör av dig');
      expect(officeRequests.length).toBeGreaterThan(0);
      expect([...blocked]).toEqual([]);
      expect(pageErrors).toEqual([]);
    } catch (error) {
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}\n${diagnostics()}`,
        { cause: error },
      );
    }
  });
});
