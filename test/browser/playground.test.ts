import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { launchLoopbackChromium } from '../helpers/chromium.js';
import { within } from '../helpers/npmStart.js';
import { formatWhen } from '../../src/bot/cards.js';
import { botStrings } from '../../src/bot/strings.js';
import { deviationTypeLabels } from '../../src/core/fields.js';
import type { Locale } from '../../src/core/i18n.js';
import { getAnswer, questionFlows, type Question } from '../../src/core/questionFlow.js';
import { start, type Started } from '../../src/server/main.js';
import { loadScenario } from '../fixtures/scenarios.js';

/**
 * The bot as a person meets it: the real product (`start()`), the Microsoft 365 Agents Playground
 * started by `npm run playground`'s own script (loopback only, telemetry off), and a real
 * browser (Debian's chromium, driven by playwright-core) that files a whole Lex Sarah report by
 * typing in the message box, choosing in the cards' inputs and pressing the cards' buttons.
 *
 * Selectors are the Playground's (0.2.28): the message box is `[contenteditable][role=textbox]`,
 * each bot card is an `.ac-adaptiveCard` rendered with Fluent UI (radios, text boxes, a Fluent
 * DatePicker whose calendar opens in a `[role=dialog]`, a TimePicker combobox). Cards are found
 * by their own text — the step counter, the summary's title — in the bot's own strings, so the
 * test follows the bot's wording. The Playground sends every message as `en-US`; the test first
 * writes "svenska", as a Swedish user would, and walks the report in Swedish.
 *
 * With UPDATE_DOCS=1 it also saves the summary card as docs/bot-summary-card.png.
 */

// Each wait below is bounded on its own; this is the ceiling for the whole walk.
jest.setTimeout(240_000);

const STEP_MS = 30_000;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const docsScreenshot = path.join(repoRoot, 'docs/bot-summary-card.png');
const registrationNumberPattern = /^[A-ZÅÄÖ]+ \d{4}-\d{4}-[0-9.]+$/;
const scenario = loadScenario('lex-sarah-denied-placement.json');
// The bot's own words, so the test follows its wording: "Fråga 1 av 12", "Nästa", "Skicka".
const locale: Locale = 'sv';
const s = botStrings(locale);

let workDir: string | undefined;
let product: Started | undefined;
let playground: ChildProcessWithoutNullStreams | undefined;
let playgroundUrl: string;
let playgroundOutput = '';
let context: BrowserContext | undefined;
let page: Page;
const productLogs: string[] = [];
const blockedRequests = new Set<string>();

/** Output of the Playground and the product's warnings, for a failure message. */
function diagnostics(): string {
  const problems = productLogs.filter((line) => /"level":(40|50|60)/.test(line)).slice(-10);
  return [
    `Playground output (last 2000 characters):\n${playgroundOutput.slice(-2000)}`,
    `Product warnings and errors:\n${problems.join('') || '(none)'}`,
    `Browser requests off loopback, refused: ${[...blockedRequests].join(', ') || '(none)'}`,
  ].join('\n');
}

/** Starts `scripts/playground.mjs` on any free port and resolves with the address it prints. */
function startPlayground(botEndpoint: string, dir: string): Promise<string> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'scripts/playground.mjs')], {
    cwd: dir,
    env: {
      ...process.env,
      PLAYGROUND_PORT: '0',
      PLAYGROUND_BOT_ENDPOINT: botEndpoint,
      M365_AGENTS_PLAYGROUND_LOGFILE: path.join(dir, 'playground.log'),
    },
    // Its own process group, so afterAll can stop the script and the Playground it started.
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  playground = child;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(
        new Error(`The Playground did not print its address in ${STEP_MS} ms.\n${diagnostics()}`),
      );
    }, STEP_MS);
    const collect = (chunk: Buffer): void => {
      playgroundOutput += chunk.toString('utf8');
      const address = /Open:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(playgroundOutput);
      if (address?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(address[1]);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(
          `The Playground exited (${signal ?? String(code)}) before it listened.\n${diagnostics()}`,
        ),
      );
    });
  });
}

/** Stops the Playground's process group: SIGTERM, then SIGKILL if it is still there after 5 s. */
async function stopPlayground(): Promise<void> {
  const child = playground;
  if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const group = -child.pid;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(group, name);
    } catch {
      // The group is gone already.
    }
  };
  signal('SIGTERM');
  if ((await within(exited, 5_000)) === 'timeout') {
    signal('SIGKILL');
    await within(exited, 5_000);
  }
}

/**
 * The local addresses listening on a TCP port, from /proc/net/tcp and tcp6 (Linux), as hex:
 * `0100007F` is 127.0.0.1, `00000000` any IPv4 address, 32 zeros any IPv6 address.
 */
function listenersOn(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) => {
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((fields) => fields[3] === '0A' && fields[1]?.endsWith(`:${hexPort}`))
      .map((fields) => (fields[1] ?? '').split(':')[0] ?? '');
  });
}

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'avvikelse-browser-'));
  workDir = dir;
  product = await start(
    {
      ...process.env,
      AVVIKELSE_MODE: 'local',
      AVVIKELSE_DATA_DIR: path.join(dir, 'data'),
      AVVIKELSE_ROUTING_FILE: path.join(repoRoot, 'config/routing.json'),
      AVVIKELSE_PUBLIC_URL: '',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
    },
    {
      handleSignals: false,
      announce: () => undefined,
      logDestination: { write: (line: string) => void productLogs.push(line) },
    },
  );
  playgroundUrl = await startPlayground(`${product.url}/api/messages`, dir);

  // The Playground's page asks a CDN for its fonts; nothing leaves the machine.
  context = await launchLoopbackChromium(dir, {
    timeoutMs: STEP_MS,
    blocked: blockedRequests,
    context: { viewport: { width: 1280, height: 1000 } },
  });
  page = context.pages()[0] ?? (await context.newPage());
});

afterAll(async () => {
  await context?.close();
  await stopPlayground();
  await product?.close();
  if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
});

/** The bot's cards in the chat (not the cards an Action.ShowCard nests inside one). */
function cards(): Locator {
  return page.locator('.ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)');
}

/** Waits until the newest card shows `text`, and returns that card. */
async function cardShowing(text: string | RegExp, what: string): Promise<Locator> {
  const card = cards().last();
  try {
    await card.filter({ hasText: text }).waitFor({ state: 'visible', timeout: STEP_MS });
  } catch (error) {
    const shown = (await cards().count()) > 0 ? await card.innerText() : '(no card)';
    const screenshot = path.join(
      tmpdir(),
      `avvikelse-playground-failure-${String(Date.now())}.png`,
    );
    await page.screenshot({ path: screenshot, fullPage: true }).catch(() => undefined);
    throw new Error(
      `Waited ${String(STEP_MS / 1000)} s for ${what} (${String(text)}).\n` +
        `The newest card shows:\n${shown}\nScreenshot: ${screenshot}\n${diagnostics()}`,
      { cause: error },
    );
  }
  return card;
}

/** Waits until the chat shows a text the bot sent (bounded). */
async function waitForText(text: string, what: string): Promise<void> {
  try {
    await page.getByText(text, { exact: true }).first().waitFor({ state: 'visible' });
  } catch (error) {
    throw new Error(`Waited ${String(STEP_MS / 1000)} s for ${what}.\n${diagnostics()}`, {
      cause: error,
    });
  }
}

/** Types a message into the Playground's message box and sends it. */
async function sendMessage(text: string): Promise<void> {
  const box = page.locator('[contenteditable="true"][role="textbox"]').first();
  await box.click();
  await box.pressSequentially(text);
  await box.press('Enter');
}

/** Presses a card's button by its exact title. */
async function press(card: Locator, title: string): Promise<void> {
  await card.getByRole('button', { name: title, exact: true }).click();
}

/** Waits (bounded) until an input shows a value. */
async function filledIn(input: Locator, what: string): Promise<void> {
  const deadline = Date.now() + STEP_MS;
  while ((await input.inputValue()) === '') {
    if (Date.now() > deadline) {
      throw new Error(`The card's input for ${what} stayed empty.\n${diagnostics()}`);
    }
    await page.waitForTimeout(100);
  }
}

/**
 * Picks a date in the card's Fluent DatePicker: open its calendar, switch to the month view,
 * step back to the year, pick the month, then the day (labelled like "1, February, 2018").
 */
async function pickDate(card: Locator, isoDate: string): Promise<void> {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  await card.locator('.fui-DatePicker input').click();
  const calendar = page.locator('[role="dialog"]').last();
  await calendar.waitFor({ state: 'visible' });
  // The header button (e.g. "November 2026") switches the day view to the month view.
  await calendar.locator('button:has(> span[aria-live])').first().click();
  const yearButton = calendar.locator('.fui-CalendarPicker__currentItemButton');
  const stepYear = calendar.locator('.fui-CalendarPicker__navigationButton');
  for (let steps = 0; ; steps += 1) {
    const shown = Number(await yearButton.getAttribute('aria-label'));
    if (shown === year) break;
    if (steps > 100 || Number.isNaN(shown)) {
      throw new Error(`The calendar did not reach ${String(year)} (shows ${String(shown)})`);
    }
    await stepYear.nth(shown > year ? 0 : 1).click();
  }
  await calendar
    .locator('.fui-CalendarPicker__itemButton')
    .nth(month - 1)
    .click();
  const monthName = new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en-US', {
    month: 'long',
    timeZone: 'UTC',
  });
  await calendar
    .locator(`button[aria-label="${String(day)}, ${monthName}, ${String(year)}"]`)
    .click();
  await calendar.waitFor({ state: 'hidden' });
  await filledIn(card.locator('.fui-DatePicker input'), 'the date');
}

/** Types a time (HH:mm) into the card's Fluent TimePicker and commits it. */
async function typeTime(card: Locator, time: string): Promise<void> {
  const input = card.locator('input.fui-TimePicker__input');
  await input.click();
  await input.pressSequentially(time);
  await input.press('Enter');
  await filledIn(input, 'the time');
}

/** A Stockholm wall-clock date and time of an ISO instant: ["2018-02-01", "14:00"]. */
function stockholmDateAndTime(iso: string): [string, string] {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return [`${part('year')}-${part('month')}-${part('day')}`, `${part('hour')}:${part('minute')}`];
}

/** Answers one question on its card the way a person would, and presses Nästa (or skips). */
async function answerQuestion(card: Locator, question: Question, value: unknown): Promise<void> {
  if (value === undefined || question.kind === 'attachments') {
    // The scenario has no attachments and leaves nothing else unanswered that must be answered.
    await press(card, s.buttons.skip);
    return;
  }
  if (typeof value !== 'string')
    throw new Error(`${question.id}: the scenario's answer is no text`);
  switch (question.kind) {
    case 'choice': {
      const option = question.options?.find((candidate) => candidate.value === value);
      if (option === undefined) throw new Error(`${question.id}: no option ${value}`);
      await card.getByRole('radio', { name: option.label[locale], exact: true }).check();
      break;
    }
    case 'shortText':
    case 'longText':
      await card.getByRole('textbox').fill(value);
      break;
    case 'dateTime': {
      const [date, time] = stockholmDateAndTime(value);
      await pickDate(card, date);
      await typeTime(card, time);
      break;
    }
    case 'multiChoice':
    case 'number':
    case 'list':
      throw new Error(`${question.id}: the Lex Sarah flow has no ${question.kind} question`);
  }
  await press(card, s.buttons.next);
}

describe('the bot in the Microsoft 365 Agents Playground, in a real browser', () => {
  it('serves the Playground on loopback only', () => {
    // Linux's socket table: one listener on the Playground's port, bound to 127.0.0.1 only.
    const port = Number(new URL(playgroundUrl).port);
    expect(listenersOn(port)).toEqual(['0100007F']);
  });

  it('files a whole Lex Sarah report through the cards and shows its registration number', async () => {
    await page.goto(playgroundUrl);
    // The bot greets the new conversation with its welcome card before anything is typed.
    await cards().first().waitFor({ state: 'visible' });
    // The Playground sends every message as en-US; a Swedish user asks for Swedish.
    await sendMessage('svenska');
    await waitForText(s.languageChosen, 'the bot to switch to Swedish after "svenska"');
    await sendMessage('ny rapport');

    const typeChoice = await cardShowing(s.typeChoice.prompt, 'the type choice');
    await press(typeChoice, deviationTypeLabels.lexSarah[locale]);

    const questions = questionFlows.lexSarah;
    for (const [index, question] of questions.entries()) {
      const step = s.questions.stepCounter(index + 1, questions.length);
      const card = await cardShowing(step, `question ${String(index + 1)} (${question.id})`);
      await card.getByText(question.prompt[locale], { exact: true }).first().waitFor();
      await answerQuestion(card, question, getAnswer(scenario.answers, question.id));
    }

    const summary = await cardShowing(s.summary.title, 'the summary card');
    const noticedAt = formatWhen(String(scenario.answers.noticedAt), locale);
    for (const shown of [
      noticedAt,
      String(scenario.answers.unit),
      String(scenario.answers.otherInfo),
    ]) {
      await summary.getByText(shown, { exact: true }).first().waitFor();
    }
    // A window tall enough for the whole card, so its picture is not cut by the chat's scrolling.
    const height = (await summary.boundingBox())?.height ?? 0;
    await page.setViewportSize({ width: 1280, height: Math.max(1000, Math.ceil(height) + 400) });
    await summary.scrollIntoViewIfNeeded();
    const png = await summary.screenshot({ animations: 'disabled' });
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    if (process.env.UPDATE_DOCS === '1') writeFileSync(docsScreenshot, png);

    await press(summary, s.buttons.submit);
    const submitted = await cardShowing(s.submitted.title, 'the submitted card');
    const number = submitted.getByText(registrationNumberPattern).first();
    await number.waitFor();
    const registrationNumber = (await number.innerText()).trim();
    expect(registrationNumber).toMatch(registrationNumberPattern);

    // The case is filed: the Lex Sarah officer finds it, with every answer as the scenario has it.
    const api = product!.url;
    const token = (await (
      await fetch(`${api}/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'u-officer' }),
      })
    ).json()) as { token: string };
    const listing = await fetch(`${api}/api/cases`, {
      headers: { authorization: `Bearer ${token.token}` },
    });
    expect(listing.status).toBe(200);
    const { items } = (await listing.json()) as {
      items: { case: { id: string; registrationNumber: string | null; type: string } }[];
    };
    const listed = items.find((item) => item.case.registrationNumber === registrationNumber);
    expect(listed?.case.type).toBe('lexSarah');
    // Lists carry a summary; the report itself is on the case.
    const opened = await fetch(`${api}/api/cases/${String(listed?.case.id)}`, {
      headers: { authorization: `Bearer ${token.token}` },
    });
    const filed = (await opened.json()) as { case: { report?: { answers: unknown } } };
    expect(filed.case.report?.answers).toEqual({
      ...scenario.answers,
      // The bot adds who reported, as the Playground's user signs in.
      reporter: { name: expect.any(String) },
    });

    // The Playground reached for nothing off loopback (the preload reports what it refuses).
    expect(playgroundOutput).not.toContain('loopback-only: refused');
  });
});
