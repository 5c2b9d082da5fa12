import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { launchLoopbackChromium } from '../helpers/chromium.js';
import { deviationTypeLabels, fieldLabels, optionLabel } from '../../src/core/fields.js';
import { stateLabels, stepLabels } from '../../src/core/workflow.js';
import { demoUsers } from '../../src/server/demoUsers.js';
import { caseActionsStrings } from '../../src/tabs/components/CaseActions/caseActionsStrings.js';
import { caseDocumentsStrings } from '../../src/tabs/components/CaseDocuments/caseDocumentsStrings.js';
import { caseLogStrings } from '../../src/tabs/components/CaseLog/caseLogStrings.js';
import { investigationFormStrings } from '../../src/tabs/components/InvestigationForm/investigationFormStrings.js';
import { autosaveStrings } from '../../src/tabs/components/useAutosave/autosaveStrings.js';
import { strings } from '../../src/tabs/i18n/strings.js';
import { themeNames, type ThemeName } from '../../src/tabs/teams/themes.js';
import { loadScenario, type Scenario } from '../fixtures/scenarios.js';
import { describeViolations, impactCounts, runAxe, seriousViolations } from '../helpers/axePage.js';
import { npmStart, tail, type NpmStarted } from '../helpers/npmStart.js';

/**
 * The investigator tab as the Lex Sarah officer meets it: the product started with `npm start`
 * (which builds the server and the tab first) on a fresh data folder, and a real browser
 * (Debian's chromium through playwright-core) that signs in with the demo-user picker, finds the
 * case filed from ../shared/scenarios/lex-sarah-denied-placement.json, registers it, opens an
 * investigation, fills it, records "missförhållande" and makes the decision PDF. The API then
 * shows the case as the officer left it. axe-core checks the list and the case pages in the
 * light, dark and high-contrast themes, switched with the header's theme control.
 *
 * The routing table is the product's own with `registerOnSubmit: false` on the Lex Sarah rules,
 * so the case arrives unregistered and the officer registers it. Controls are found by role and
 * accessible name, in the tab's and the core's own words (their label tables), in Swedish.
 *
 * With UPDATE_DOCS=1 it saves docs/tab-case-list.png and docs/tab-case-page.png (light theme,
 * 1280 px wide). With AXE_SUMMARY=1 it prints what axe found per page and theme.
 */

// The build inside `npm start` takes most of the time; each wait below is bounded on its own.
jest.setTimeout(180_000);

/** `npm start` builds first: about 35 s on an idle two-core machine, more beside other tests. */
const START_MS = 300_000;
const STEP_MS = 30_000;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const docs = {
  list: path.join(repoRoot, 'docs/tab-case-list.png'),
  casePage: path.join(repoRoot, 'docs/tab-case-page.png'),
};
const registrationNumberPattern = /^[A-ZÅÄÖ]+ \d{4}-\d{4}-[0-9.]+$/;

// The tab's and the core's own words, Swedish.
const sv = 'sv' as const;
const t = strings[sv];
const actionsText = caseActionsStrings[sv];
const documentsText = caseDocumentsStrings[sv];
const logText = caseLogStrings[sv];
const autosaveText = autosaveStrings[sv];
const investigationText = investigationFormStrings[sv];

const scenario = loadScenario('lex-sarah-denied-placement.json');
const breachScenario = loadScenario('breach-misdirected-jobplan.json');
const officer = demoUser('u-officer');

/** What the officer writes into the investigation; checked against the API afterwards. */
const investigationInput = {
  howNoticed:
    'Coachen och arbetskonsulenten rapporterade händelsen samma dag till tillförordnad enhetschef.',
  whatHappened:
    'Insatsen nekades utan att beslutsunderlaget förklarades för aspiranten eller för handläggarna.',
  consequences:
    'Aspiranten gick miste om arbetsförmågeprövningen och förtroendet för förvaltningen skadades.',
  communicationCause:
    'Beslutet och dess skäl kommunicerades inte till dem som skulle förmedla det.',
  remedialActions: 'Nytt möte med aspiranten och ett nytt beslut med skriftlig motivering.',
  preventiveActions: 'Rutin för att beslut om insatser motiveras skriftligt och förklaras.',
};
const logEntry = {
  note: 'Samtal med tillförordnad enhetschef om hur beslutet fattades.',
  source: 'Samtal med tillförordnad enhetschef',
};

function demoUser(id: string): { id: string; name: string; label: string } {
  const user = demoUsers.find((candidate) => candidate.id === id);
  if (user === undefined) throw new Error(`No demo user ${id}`);
  // The sign-in picker's label for a user (SignIn.tsx): "name, title".
  const label = user.title === undefined ? user.name : `${user.name}, ${user.title}`;
  return { id, name: user.name, label };
}

let workDir: string | undefined;
let product: NpmStarted | undefined;
let context: BrowserContext | undefined;
let page: Page;
const blockedRequests = new Set<string>();
const pageErrors: string[] = [];
const consoleErrors: string[] = [];
const tokens = new Map<string, string>();
/** Case ids by what they are in this test. */
const cases: { scenario?: string; other?: string; protected?: string; breach?: string } = {};
/** What axe found, per page and theme, for AXE_SUMMARY=1. */
const axeSummary: string[] = [];

/** What a failure message needs besides its own words. */
function diagnostics(): string {
  // What the product wrote since it announced itself (warnings and errors at LOG_LEVEL=warn).
  const output = product?.output() ?? '';
  const since = output.lastIndexOf('Avvikelse kör i');
  return [
    `Browser errors: ${pageErrors.join(' | ') || '(none)'}`,
    `Browser console errors: ${consoleErrors.slice(-10).join(' | ') || '(none)'}`,
    `Browser requests off loopback, refused: ${[...blockedRequests].join(', ') || '(none)'}`,
    `The product's output since it started (last 3000 characters):\n${tail(output.slice(Math.max(0, since)), 3000)}`,
  ].join('\n');
}

/** Runs a step of the walk; a failure names the step, keeps a screenshot and adds diagnostics. */
async function step<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const screenshot = path.join(tmpdir(), `avvikelse-tab-failure-${String(Date.now())}.png`);
    await page.screenshot({ path: screenshot, fullPage: true }).catch(() => undefined);
    throw new Error(
      `Failed to ${what}: ${error instanceof Error ? error.message : String(error)}\n` +
        `Screenshot: ${screenshot}\n${diagnostics()}`,
      { cause: error },
    );
  }
}

/** A demo token for a user (cached; the product's signing key lives as long as the product). */
async function token(user: string): Promise<string> {
  const known = tokens.get(user);
  if (known !== undefined) return known;
  const response = await fetch(`${product!.url}/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user }),
  });
  if (!response.ok) throw new Error(`POST /dev/token for ${user}: ${String(response.status)}`);
  const { token: value } = (await response.json()) as { token: string };
  tokens.set(user, value);
  return value;
}

/** Calls the API as a demo user; returns the JSON body, or throws naming status and body. */
async function api<T>(user: string, method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${await token(user)}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method === 'POST' && url === '/api/reports') headers['idempotency-key'] = randomUUID();
  const response = await fetch(`${product!.url}${url}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${url} as ${user}: ${String(response.status)} ${text}`);
  }
  return JSON.parse(text) as T;
}

interface CaseJson {
  id: string;
  version: number;
  state: string;
  title?: string;
  registrationNumber: string | null;
  investigation?: Record<string, unknown>;
  decision?: { outcome: string } | null;
  caseLog?: { note: string; nature: string; source: string }[];
}

/** Files a scenario's report as u-reporter, with changed answers; returns the case id. */
async function file(from: Scenario, answers: Record<string, unknown> = {}): Promise<string> {
  const filed = await api<{ case: CaseJson }>('u-reporter', 'POST', '/api/reports', {
    type: from.type,
    answers: { ...from.answers, ...answers },
  });
  return filed.case.id;
}

/** The product's routing table with the Lex Sarah rules set to wait for the officer to register. */
function routingWithManualRegistration(dir: string): string {
  const table = JSON.parse(readFileSync(path.join(repoRoot, 'config/routing.json'), 'utf8')) as {
    rules: { type: string; registerOnSubmit?: boolean }[];
  };
  const lexSarah = table.rules.filter((rule) => rule.type === 'lexSarah');
  if (lexSarah.length === 0) throw new Error('config/routing.json has no Lex Sarah rule');
  for (const rule of lexSarah) rule.registerOnSubmit = false;
  const file = path.join(dir, 'routing.json');
  writeFileSync(file, JSON.stringify(table, null, 2));
  return file;
}

/** The child's environment: the caller's, minus what would change the build, plus local mode. */
function productEnv(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AVVIKELSE_MODE: 'local',
    HOST: '127.0.0.1',
    PORT: '0',
    AVVIKELSE_DATA_DIR: path.join(dir, 'data'),
    AVVIKELSE_ROUTING_FILE: routingWithManualRegistration(dir),
    // Blank means unset: the product then announces the port it bound.
    AVVIKELSE_PUBLIC_URL: '',
    LOG_LEVEL: 'warn',
  };
  // jest sets NODE_ENV=test, which would make Vite build the tab with React's development build.
  delete env.NODE_ENV;
  return env;
}

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'avvikelse-tab-'));
  workDir = dir;
  product = await npmStart({
    cwd: repoRoot,
    env: productEnv(dir),
    timeoutMs: START_MS,
    requiredPath: '/tab/',
  });
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(product.url)) {
    throw new Error(`npm start announced ${product.url}, not a loopback address`);
  }

  // The scenario's case, and around it what an officer's list holds on an ordinary day.
  cases.scenario = await file(scenario);
  cases.other = await file(scenario, {
    kind: 'risk',
    unit: 'Jobbtorg Kista, Ungdomsteamet',
    noticedAt: '2018-02-05T09:30:00+01:00',
    description: 'Planerade möten med unga aspiranter ställdes in flera veckor i följd.',
    consequences: 'Aspiranterna riskerar att bli utan stöd under en längre tid.',
    immediateActions: 'Enhetschefen har tillsatt en ersättare.',
    otherInfo: undefined,
  });
  cases.protected = await file(scenario, {
    unit: 'Jobbtorg Skärholmen',
    affectedPerson: { gender: 'woman', protectedIdentity: 'yes' },
    description: 'Handlingar med en aspirants adress lämnades kvar i ett mötesrum.',
    consequences: 'Personens skyddade adress kan ha blivit känd för obehöriga.',
    immediateActions: 'Handlingarna samlades in och förstördes.',
    otherInfo: undefined,
  });
  cases.breach = await file(breachScenario);

  // Nothing leaves the machine: every request off loopback is refused and remembered.
  context = await launchLoopbackChromium(dir, {
    timeoutMs: STEP_MS,
    blocked: blockedRequests,
    context: {
      viewport: { width: 1280, height: 900 },
      locale: 'sv-SE',
      timezoneId: 'Europe/Stockholm',
      colorScheme: 'light',
    },
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
}, START_MS + 60_000);

afterAll(async () => {
  if (process.env.AXE_SUMMARY === '1' && axeSummary.length > 0) {
    process.stdout.write(`axe (WCAG 2.0/2.1 A and AA):\n${axeSummary.join('\n')}\n`);
  }
  await context?.close();
  await product?.stop();
  if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
}, 30_000);

/** The header's theme control, used as a person would. */
async function chooseTheme(theme: ThemeName): Promise<void> {
  await page.getByRole('combobox', { name: t.header.theme, exact: true }).selectOption({
    label: t.header.themes[theme],
  });
  // The choice is remembered, so it holds on the next page too.
  await page.waitForFunction(
    (expected) => window.localStorage.getItem('avvikelse.theme') === expected,
    theme,
  );
  // Fluent eases colours into the new theme; axe must see where they end, not a blend on the way.
  const settled = await page.evaluate(async (ms) => {
    await new Promise<void>((resolve) => {
      requestAnimationFrame(() => {
        requestAnimationFrame(() => {
          resolve();
        });
      });
    });
    const finite = document
      .getAnimations()
      .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity);
    const done = Promise.all(finite.map((animation) => animation.finished.catch(() => null)));
    const late = new Promise<'late'>((resolve) => {
      setTimeout(() => {
        resolve('late');
      }, ms);
    });
    return (await Promise.race([done, late])) !== 'late';
  }, 10_000);
  if (!settled) throw new Error(`The page's transitions did not end after choosing ${theme}`);
}

/** Runs axe on the page in each theme and fails on any serious or critical violation. */
async function checkAccessibility(what: string): Promise<void> {
  const problems: string[] = [];
  for (const theme of themeNames) {
    await chooseTheme(theme);
    const results = await runAxe(page);
    const serious = seriousViolations(results);
    const counts = impactCounts(results);
    axeSummary.push(
      `  ${what}, ${theme}: ${serious.length === 0 ? 'no serious or critical' : `${String(serious.length)} serious or critical`}` +
        ` (all violations: ${JSON.stringify(counts)}; rules passed: ${String(results.passes.length)})` +
        (results.violations.length === 0 ? '' : `\n${describeViolations(results.violations)}`),
    );
    if (serious.length > 0) {
      problems.push(`${what} in the ${theme} theme:\n${describeViolations(serious)}`);
    }
  }
  await chooseTheme('light');
  if (problems.length > 0) {
    throw new Error(`axe found serious or critical violations:\n${problems.join('\n')}`);
  }
}

/** The section of the case page under this heading (a <section> named by its <h2>). */
function section(heading: string): Locator {
  return page.getByRole('region', { name: heading, exact: true });
}

/** A live status line of the case actions reads `text`. */
async function actionsSay(text: string): Promise<void> {
  await section(actionsText.heading).getByRole('status').getByText(text, { exact: true }).waitFor();
}

/** Presses a workflow step's button, labelled in the core's words. */
async function pressStep(name: keyof typeof stepLabels): Promise<void> {
  await section(actionsText.heading)
    .getByRole('button', { name: stepLabels[name][sv], exact: true })
    .click();
}

async function openList(): Promise<void> {
  await page.goto(`${product!.url}/tab/#/cases`);
  await page.getByRole('table', { name: t.caseList.tableLabel }).waitFor();
}

describe('the investigator tab in a real browser, started with npm start', () => {
  it('serves the tab and the API on loopback', async () => {
    const health = await fetch(`${product!.url}/healthz`);
    expect(health.status).toBe(200);
    const tab = await fetch(`${product!.url}/tab/`);
    expect(tab.status).toBe(200);
    expect(await tab.text()).toContain('<div id="root">');
  });

  it('takes the scenario case from the list to a decision, as the Lex Sarah officer', async () => {
    const title = `${deviationTypeLabels.lexSarah[sv]} – ${String(scenario.answers.unit)}`;

    await step('sign in as the Lex Sarah officer with the demo-user picker', async () => {
      await page.goto(`${product!.url}/tab/`);
      await page.getByRole('heading', { name: t.signIn.heading, level: 1 }).waitFor();
      await page.getByRole('radio', { name: officer.label, exact: true }).check();
      await page.getByRole('button', { name: t.signIn.submit, exact: true }).click();
      await page.getByText(t.header.signedInAs(officer.name), { exact: true }).waitFor();
    });

    await step('see the officer’s cases in the list', async () => {
      await page.getByRole('heading', { name: t.caseList.heading, level: 1 }).waitFor();
      const table = page.getByRole('table', { name: t.caseList.tableLabel });
      await table.waitFor();
      // The officer sees the three Lex Sarah cases (the protected one under its mark), not the breach.
      await page
        .getByRole('status')
        .getByText(t.caseList.showing('1', '3', '3'))
        .waitFor();
      await table.getByRole('row').filter({ hasText: t.protectedMark }).first().waitFor();
      expect(await table.getByRole('row').filter({ hasText: title }).count()).toBe(1);
    });
    if (process.env.UPDATE_DOCS === '1') {
      await page.screenshot({ path: docs.list, fullPage: true, animations: 'disabled' });
    }

    await step('find the scenario’s case by searching its title', async () => {
      await page.getByRole('searchbox', { name: t.filters.search }).fill(title);
      await page
        .getByRole('status')
        .getByText(t.caseList.showing('1', '1', '1'))
        .waitFor();
      const row = page
        .getByRole('table', { name: t.caseList.tableLabel })
        .getByRole('row')
        .filter({ hasText: title });
      await row.getByRole('link', { name: t.caseList.notRegistered }).click();
      await page.getByRole('heading', { name: `${t.caseList.notRegistered} – ${title}` }).waitFor();
      expect(page.url()).toContain(`#/cases/${String(cases.scenario)}`);
    });

    await step('register the case', async () => {
      await pressStep('register');
      await actionsSay(actionsText.done(stateLabels.registered[sv]));
      const heading = page.getByRole('heading', { level: 1 });
      await expect(heading.innerText()).resolves.toMatch(/^[A-ZÅÄÖ]+ \d{4}-\d{4}-[0-9.]+ – /);
    });

    await step('open an investigation', async () => {
      await pressStep('openInvestigation');
      await actionsSay(actionsText.done(stateLabels.underInvestigation[sv]));
    });

    await step('fill in the investigation and wait for it to be saved', async () => {
      await fillInvestigation();
    });

    await step('add an entry to the case log', async () => {
      const log = section(logText.heading);
      await log.getByRole('textbox', { name: logText.note, exact: true }).fill(logEntry.note);
      await log.getByRole('radio', { name: logText.natures.fact, exact: true }).check();
      await log.getByRole('textbox', { name: logText.source, exact: true }).fill(logEntry.source);
      await log.getByRole('button', { name: logText.submit, exact: true }).click();
      await log.getByRole('status').getByText(logText.saved, { exact: true }).waitFor();
      await log
        .getByRole('table', { name: logText.tableLabel })
        .getByRole('row')
        .filter({ hasText: logEntry.note })
        .waitFor();
    });

    const decisionDialog = page.getByRole('alertdialog', { name: stepLabels.recordDecision[sv] });
    await step('open the decision dialog, cancel it, and be back where it was opened', async () => {
      await pressStep('recordDecision');
      await decisionDialog.getByRole('button', { name: actionsText.cancel, exact: true }).click();
      await decisionDialog.waitFor({ state: 'hidden' });
      const decide = section(actionsText.heading).getByRole('button', {
        name: stepLabels.recordDecision[sv],
        exact: true,
      });
      // Focus returns to the button, and the page is no longer hidden from assistive technology
      // (a dialog left open in Fluent's modalizer would keep #root aria-hidden: found by role no more).
      await until(
        () => decide.evaluate((element) => element === document.activeElement),
        'focus to return to the decision button',
      );
      await page.getByRole('heading', { level: 1 }).waitFor();
    });

    await step('record the decision "missförhållande" and confirm it', async () => {
      await pressStep('recordDecision');
      const dialog = decisionDialog;
      await dialog
        .getByText(actionsText.confirmDecision(optionLabel('proposedDecision', 'misconduct')[sv]))
        .waitFor();
      await dialog.getByRole('button', { name: actionsText.confirm, exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      await actionsSay(actionsText.done(stateLabels.decided[sv]));
    });

    await step('make the decision document', async () => {
      await section(actionsText.heading)
        .getByRole('button', { name: actionsText.generateDecision, exact: true })
        .click();
      const made = actionsText.generated('\u0000').split('\u0000');
      await section(actionsText.heading)
        .getByRole('status')
        .getByText(new RegExp(`${escapeRegExp(made[1] ?? '')}$`))
        .waitFor();
      await section(documentsText.heading)
        .getByRole('table', { name: documentsText.tableLabel })
        .getByRole('row')
        .filter({ hasText: documentsText.kinds.decision })
        .first()
        .waitFor();
    });

    if (process.env.UPDATE_DOCS === '1') {
      // The page as it reads after the decision, without hover or focus on the last button pressed.
      await page.mouse.move(0, 0);
      await page.evaluate(() => {
        (document.activeElement as HTMLElement | null)?.blur();
        window.scrollTo(0, 0);
      });
      await page.screenshot({ path: docs.casePage, fullPage: true, animations: 'disabled' });
    }

    // The API shows what the officer did, as the officer may see it.
    const id = String(cases.scenario);
    const { case: decided } = await api<{ case: CaseJson }>('u-officer', 'GET', `/api/cases/${id}`);
    expect(decided.state).toBe('decided');
    expect(decided.registrationNumber).toMatch(registrationNumberPattern);
    expect(decided.decision?.outcome).toBe('misconduct');
    expect(decided.investigation).toMatchObject({
      law: 'SoL',
      proposedDecision: 'misconduct',
      howNoticed: investigationInput.howNoticed,
      whatHappened: investigationInput.whatHappened,
      consequences: investigationInput.consequences,
      remedialActions: investigationInput.remedialActions,
      preventiveActions: investigationInput.preventiveActions,
      rootCauses: {
        communication: { applies: true, text: investigationInput.communicationCause },
      },
    });
    expect(decided.caseLog).toEqual([
      expect.objectContaining({ note: logEntry.note, nature: 'fact', source: logEntry.source }),
    ]);
    const { documents } = await api<{ documents: { id: string; kind: string }[] }>(
      'u-officer',
      'GET',
      `/api/cases/${id}/documents`,
    );
    const decision = documents.find((document) => document.kind === 'decision');
    expect(decision).toBeDefined();
    const pdf = await fetch(`${product!.url}/api/cases/${id}/documents/${String(decision?.id)}`, {
      headers: { authorization: `Bearer ${await token('u-officer')}` },
    });
    expect(pdf.status).toBe(200);
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // The page threw nothing, logged no error (a CSP refusal would be one) and stayed on loopback.
    expect({ pageErrors, consoleErrors, blockedRequests: [...blockedRequests] }).toEqual({
      pageErrors: [],
      consoleErrors: [],
      blockedRequests: [],
    });
  });

  it('has no serious or critical axe violation on the list and case pages, in every theme', async () => {
    // A second case under investigation, so the editable investigation form is checked too.
    const other = String(cases.other);
    let { case: record } = await api<{ case: CaseJson }>('u-officer', 'GET', `/api/cases/${other}`);
    for (const next of ['register', 'openInvestigation'] as const) {
      ({ case: record } = await api<{ case: CaseJson }>(
        'u-officer',
        'POST',
        `/api/cases/${other}/steps`,
        { step: next, expectedVersion: record.version },
      ));
    }

    await step('check the case list', async () => {
      await openList();
      await page
        .getByRole('status')
        .getByText(t.caseList.showing('1', '3', '3'))
        .waitFor();
      await checkAccessibility('case list');
    });
    await step('check the decided case’s page', async () => {
      await page.goto(`${product!.url}/tab/#/cases/${String(cases.scenario)}`);
      await section(documentsText.heading).getByRole('table').waitFor();
      await checkAccessibility('case page, decided');
    });
    await step('check the page of a case under investigation', async () => {
      await page.goto(`${product!.url}/tab/#/cases/${other}`);
      await section(actionsText.heading)
        .getByText(stateLabels.underInvestigation[sv], { exact: true })
        .waitFor();
      await section(documentsText.heading).getByRole('table').waitFor();
      await checkAccessibility('case page, under investigation');
    });
    expect([...blockedRequests]).toEqual([]);
  });
});

/** Waits (bounded) until `check` holds, polling; a timeout names what was awaited. */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + STEP_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Waited ${String(STEP_MS / 1000)} s for ${what}`);
    await page.waitForTimeout(100);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Fills the investigation form by its labels (the core's field labels) as the officer would: the
 * act, the event, a root cause with its description, the actions, and last the proposed decision.
 * The form saves itself: the decision's button unblocks once the save holding the proposed
 * decision (and with it every field before it) has been answered, and the status reads "Sparat …".
 */
async function fillInvestigation(): Promise<void> {
  const form = section(investigationText.heading);
  const label = (field: keyof typeof fieldLabels): string => fieldLabels[field][sv];
  await form
    .getByRole('radiogroup', { name: label('law') })
    .getByRole('radio', { name: optionLabel('law', 'SoL')[sv], exact: true })
    .check();
  await form
    .getByRole('textbox', { name: label('howNoticed'), exact: true })
    .fill(investigationInput.howNoticed);
  await form
    .getByRole('textbox', { name: label('whatHappened'), exact: true })
    .fill(investigationInput.whatHappened);
  await form
    .getByRole('textbox', { name: label('investigation.consequences'), exact: true })
    .fill(investigationInput.consequences);
  const cause = label('rootCauses.communication');
  await form.getByRole('checkbox', { name: cause, exact: true }).check();
  await form
    .getByRole('textbox', { name: investigationText.rootCauseText(cause), exact: true })
    .fill(investigationInput.communicationCause);
  await form
    .getByRole('textbox', { name: label('remedialActions'), exact: true })
    .fill(investigationInput.remedialActions);
  await form
    .getByRole('textbox', { name: label('preventiveActions'), exact: true })
    .fill(investigationInput.preventiveActions);
  await form
    .getByRole('radiogroup', { name: label('proposedDecision') })
    .getByRole('radio', { name: optionLabel('proposedDecision', 'misconduct')[sv], exact: true })
    .check();

  const decide = section(actionsText.heading).getByRole('button', {
    name: stepLabels.recordDecision[sv],
    exact: true,
  });
  await until(
    async () => (await decide.getAttribute('aria-disabled')) !== 'true',
    `"${stepLabels.recordDecision[sv]}" to be possible after the autosave`,
  );
  const [savedPrefix] = autosaveText.saved('\u0000').split('\u0000');
  await form
    .getByRole('status')
    .getByText(new RegExp(`^${escapeRegExp(savedPrefix ?? '')}\\d{2}[:.]\\d{2}$`))
    .waitFor();
}
