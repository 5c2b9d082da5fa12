import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { escapeCardText, formatWhen } from '../../src/bot/cards.js';
import { botStrings } from '../../src/bot/strings.js';
import type { CaseRecord } from '../../src/core/cases.js';
import { deviationTypeLabels, labelOf } from '../../src/core/fields.js';
import {
  findQuestion,
  getAnswer,
  questionFlows,
  setAnswer,
  triage,
  type Answers,
} from '../../src/core/questionFlow.js';
import { loadScenario, loadScenarios, type Scenario } from '../fixtures/scenarios.js';
import {
  answerUntil,
  BotHarness,
  cardError,
  cardsOf,
  inputsOf,
  nodesOf,
  renderedTexts,
  startReport,
  submitActions,
  tokenOf,
  unescapeCardText,
  walkReport,
  type BotConversation,
  type Card,
  type TeamsUser,
} from '../helpers/botConversation.js';

/**
 * The bot's dialogs end to end through botbuilder's TestAdapter: the real AvvikelseBot, its
 * ReportDialog and cards, the real case service with the shipped routing table, and the bot's
 * state in a local store in a temporary folder — everything production composes, except the
 * HTTP door (see botHttp.test.ts). Every report is filed for real, PDF included.
 */

// Each filing renders a real PDF; give a slow CI machine the time it needs.
jest.setTimeout(60_000);

/** The fixed "now" of every test: the day after the breach scenario was discovered. */
const NOW = new Date('2020-05-28T09:00:00+02:00');
const registrationNumberPattern = /^[A-ZÅÄÖ]+ \d{4}-\d{4}-[0-9.]+$/;

const sv = botStrings('sv');
const en = botStrings('en');

const lexSarah = loadScenario('lex-sarah-denied-placement.json');
const breach = loadScenario('breach-misdirected-jobplan.json');

/** Two Teams users, known to the bot only by their Teams identity. */
const aino: TeamsUser = { id: '29:aino-teams-id', name: 'Aino Lind', aadObjectId: 'aad-aino' };
const bertil: TeamsUser = {
  id: '29:bertil-teams-id',
  name: 'Bertil Ek',
  aadObjectId: 'aad-bertil',
};

let dataDir: string;
let harness: BotHarness;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'avvikelse-bot-'));
  harness = new BotHarness(dataDir, NOW);
});

afterEach(async () => {
  await harness.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A personal chat with the bot. */
function chat(user: TeamsUser = aino, locale?: string, id = `a:chat-${user.id}`): BotConversation {
  return harness.conversation({ id, user, ...(locale === undefined ? {} : { locale }) });
}

/** The answers of a scenario that the bot's questions ask for (not the Outlook e-mail facts). */
function askedAnswers(scenario: Scenario): Answers {
  let answers: Answers = {};
  for (const question of questionFlows[scenario.type]) {
    const value = getAnswer(scenario.answers, question.id);
    if (value !== undefined) answers = setAnswer(answers, question.id, value);
  }
  return answers;
}

/** A case's answers without the reporter block the service adds from the identity. */
function answersWithoutReporter(record: CaseRecord): Answers {
  return Object.fromEntries(
    Object.entries(record.report.answers).filter(([key]) => key !== 'reporter'),
  );
}

/** The registration number a submitted card shows (the extra-large TextBlock), unescaped. */
function registrationNumberOn(card: Card): string {
  const block = nodesOf(card).find(
    (node) => node.type === 'TextBlock' && node.size === 'extraLarge',
  );
  return unescapeCardText(String(block?.text));
}

/** Each row of the summary, by the field its Ändra button edits: the texts the row shows. */
function summaryRows(card: Card): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const node of nodesOf(card)) {
    if (node.type !== 'ColumnSet') continue;
    const [answerColumn, buttonColumn] = node.columns as unknown[];
    const edit = nodesOf(buttonColumn).find((child) => child.type === 'Action.Submit');
    const data = (edit?.data as { avvikelse?: { action: string; field?: string } } | undefined)
      ?.avvikelse;
    if (data?.action !== 'edit' || data.field === undefined) continue;
    rows.set(data.field, renderedTexts(answerColumn).map(unescapeCardText));
  }
  return rows;
}

/** How the summary must show one answer, as a reader sees it. */
function shownAs(type: Scenario['type'], field: string, value: unknown): string {
  const question = findQuestion(type, field);
  const label = (option: unknown): string =>
    question?.options?.find((candidate) => candidate.value === option)?.label.sv ?? String(option);
  switch (question?.kind) {
    case 'choice':
      return label(value);
    case 'multiChoice':
      return (value as unknown[]).map(label).join(', ');
    case 'dateTime':
      return formatWhen(String(value), 'sv');
    case 'list':
      return (value as unknown[]).map(String).join(', ');
    case 'number':
    case 'shortText':
    case 'longText':
    case 'attachments':
    case undefined:
      return String(value);
  }
}

/** Files a whole scenario in `conversation` and returns the submitted card. */
async function fileScenario(conversation: BotConversation, scenario: Scenario): Promise<Card> {
  const { summary } = await walkReport(conversation, scenario.type, scenario.answers);
  await conversation.press('submit', { card: summary });
  return conversation.lastCard('submitted');
}

/** Starts a Lex Sarah report and answers from the scenario until the bot asks for `field`. */
async function lexSarahUntil(conversation: BotConversation, field: string): Promise<Card> {
  await startReport(conversation, 'lexSarah');
  await answerUntil(conversation, lexSarah.answers, field);
  return conversation.lastCard('question');
}

/** The value the question card's input for `field` holds (what the draft has). */
function inputValue(card: Card, field: string): unknown {
  return inputsOf(card).find((input) => input.id === field)?.value;
}

describe('welcome', () => {
  it('greets a user who adds the bot with the welcome card, and not when only the bot joins', async () => {
    const conversation = chat();
    await conversation.post({
      type: 'conversationUpdate',
      membersAdded: [{ id: aino.id, name: aino.name ?? '' }],
    });
    const [welcome] = conversation.cards();
    expect(welcome?.avvikelseCard).toEqual({ kind: 'welcome' });
    expect(renderedTexts(welcome)).toContain(sv.welcome.title);
    expect(submitActions(welcome!).map((data) => data.action)).toEqual([
      'newReport',
      'myReports',
      'help',
    ]);

    // The welcome's "Ny rapport" button starts a report.
    await conversation.press('newReport', { card: welcome! });
    expect(conversation.lastCard().avvikelseCard.kind).toBe('typeChoice');

    const other = chat(bertil);
    await other.post({
      type: 'conversationUpdate',
      membersAdded: [{ id: '28:avvikelse-bot', name: 'Avvikelse' }],
    });
    expect(other.replies).toEqual([]);
  });
});

describe('filing the shared scenarios in chat', () => {
  for (const scenario of loadScenarios()) {
    it(`files "${scenario.title}" from "ny rapport" to a registered case`, async () => {
      const conversation = chat();
      const { asked, summary } = await walkReport(conversation, scenario.type, scenario.answers);

      // Every question of the type was asked, in the flow's order.
      expect(asked).toEqual(questionFlows[scenario.type].map((question) => question.id));

      // The summary lists every answer, each with its own Ändra button.
      const expected = askedAnswers(scenario);
      const rows = summaryRows(summary);
      expect([...rows.keys()]).toEqual(questionFlows[scenario.type].map((q) => q.id));
      for (const question of questionFlows[scenario.type]) {
        const value = getAnswer(expected, question.id);
        expect({ field: question.id, row: rows.get(question.id) }).toEqual({
          field: question.id,
          row: [
            question.prompt.sv,
            value === undefined
              ? sv.summary.notAnswered
              : shownAs(scenario.type, question.id, value),
          ],
        });
      }
      if (typeof scenario.expect.weekdayOfNoticedAt === 'string') {
        expect(rows.get('noticedAt')?.[1]).toContain(scenario.expect.weekdayOfNoticedAt);
      }
      // The reporter comes from the Teams identity.
      expect(renderedTexts(summary)).toContain(escapeCardText(aino.name ?? ''));

      await conversation.press('submit', { card: summary });
      const submitted = conversation.lastCard('submitted');
      const number = registrationNumberOn(submitted);
      expect(number).toMatch(registrationNumberPattern);
      if (typeof scenario.expect.registrationNumberPattern === 'string') {
        expect(number).toMatch(new RegExp(scenario.expect.registrationNumberPattern));
      }

      const cases = await harness.allCases();
      expect(cases).toHaveLength(1);
      const record = cases[0]!;
      expect(record.type).toBe(scenario.type);
      expect(record.state).toBe('registered');
      expect(record.registrationNumber).toBe(number);
      expect(answersWithoutReporter(record)).toEqual(expected);
      expect(record.report.answers.reporter).toEqual({ name: aino.name });
      expect(record.reporter).toEqual({ id: aino.aadObjectId, name: aino.name });
      expect(record.routedGroup).toBe(scenario.expect.routedTo);
      if (typeof scenario.expect.imyDeadline === 'string') {
        const imy = record.deadlines.find((deadline) => deadline.kind === 'imyNotification');
        expect(imy?.dueAt).toBe(scenario.expect.imyDeadline);
      }
      expect(harness.notified.map((notified) => notified.id)).toEqual([record.id]);
      expect(harness.turnErrors).toEqual([]);
    });
  }

  it('takes the reporter from the Teams user id when there is no Entra object id or name', async () => {
    const conversation = chat({ id: '29:playground-user' });
    await fileScenario(conversation, lexSarah);
    const [record] = await harness.allCases();
    expect(record?.reporter).toEqual({ id: '29:playground-user', name: '29:playground-user' });
  });
});

describe('"vet inte": the triage chooses the type', () => {
  const cases = [
    { personalData: 'yes', socialServices: 'yes', security: 'no', field: 'discoveredAt' },
    { personalData: 'no', socialServices: 'yes', security: 'no', field: 'kind' },
    { personalData: 'no', socialServices: 'no', security: 'yes', field: 'discoveredAt' },
  ] as const;
  for (const answers of cases) {
    it(`suggests the type for ${JSON.stringify(answers)} and says why`, async () => {
      const conversation = chat();
      await conversation.send('ny rapport');
      await conversation.press('chooseType', { type: 'unsure' });
      const triageCard = conversation.lastCard('triage');
      await conversation.press('triage', {
        card: triageCard,
        inputs: {
          'triage.personalData': answers.personalData,
          'triage.socialServices': answers.socialServices,
          'triage.security': answers.security,
        },
      });
      const outcome = triage({
        personalData: answers.personalData === 'yes',
        socialServices: answers.socialServices === 'yes',
        security: answers.security === 'yes',
      });
      const [reason, ...more] = conversation.texts();
      expect(reason).toBe(
        sv.triage.result(deviationTypeLabels[outcome.type].sv, outcome.reason.sv),
      );
      expect(more).toEqual(
        outcome.alsoConsider ? [sv.triage.alsoConsider(deviationTypeLabels.lexSarah.sv)] : [],
      );
      expect(conversation.lastCard('question').avvikelseCard.field).toBe(answers.field);
    });
  }

  it('asks again when a triage question is left unanswered', async () => {
    const conversation = chat();
    await conversation.send('ny rapport');
    await conversation.press('chooseType', { type: 'unsure' });
    await conversation.press('triage', { inputs: { 'triage.personalData': 'yes' } });
    expect(conversation.texts()).toEqual([sv.errors.triageIncomplete]);
    expect(conversation.lastCard().avvikelseCard.kind).toBe('triage');
  });
});

describe('moving about in a report', () => {
  it('goes back to the previous question with its answer, and from the first to the type', async () => {
    const conversation = chat();
    const unit = await lexSarahUntil(conversation, 'unit');
    await conversation.press('back', { card: unit });
    const kind = conversation.lastCard('question');
    expect(kind.avvikelseCard.field).toBe('kind');
    expect(inputValue(kind, 'kind')).toBe('misconduct');
    // The first question has no Back button; typed, "tillbaka" goes back to the type.
    expect(submitActions(kind).some((data) => data.action === 'back')).toBe(false);
    await conversation.send('tillbaka');
    expect(conversation.lastCard().avvikelseCard.kind).toBe('typeChoice');
  });

  it('skips an optional question, and refuses to skip a required one', async () => {
    const conversation = chat();
    const unit = await lexSarahUntil(conversation, 'unit');
    // A required question has no skip button; typing it is refused on the same card.
    expect(submitActions(unit).some((data) => data.action === 'skip')).toBe(false);
    await conversation.send('hoppa över');
    const again = conversation.lastCard('question');
    expect(again.avvikelseCard.field).toBe('unit');
    expect(cardError(again)).toBe(sv.errors.cannotSkip);

    // A skip press forged onto the required question is refused the same way.
    await conversation.submit({
      avvikelse: { action: 'skip', token: tokenOf(again), field: 'unit' },
    });
    expect(cardError(conversation.lastCard('question'))).toBe(sv.errors.cannotSkip);

    await conversation.answer('Jobbtorg Kista');
    await conversation.answer('jobCentre');
    const areaDetail = conversation.lastCard('question');
    expect(areaDetail.avvikelseCard.field).toBe('areaDetail');
    await conversation.press('skip', { field: 'areaDetail', card: areaDetail });
    expect(conversation.lastCard('question').avvikelseCard.field).toBe('noticedAt');
    expect(cardError(conversation.lastCard())).toBeUndefined();
  });

  it('edits one answer from the summary and comes back to the summary', async () => {
    const conversation = chat();
    const { summary } = await walkReport(conversation, 'lexSarah', lexSarah.answers);
    await conversation.press('edit', { field: 'unit', card: summary });
    const unit = conversation.lastCard('question');
    expect(unit.avvikelseCard.field).toBe('unit');
    expect(inputValue(unit, 'unit')).toBe(lexSarah.answers.unit);
    await conversation.answer('Jobbtorg Skärholmen');
    const back = conversation.lastCard('summary');
    expect(summaryRows(back).get('unit')).toEqual([labelOf('unit').sv, 'Jobbtorg Skärholmen']);
    // Nothing else changed.
    expect(summaryRows(back).get('description')).toEqual(summaryRows(summary).get('description'));

    // Back from an edit also returns to the summary, without changing the answer.
    await conversation.press('edit', { field: 'area', card: back });
    await conversation.press('back');
    expect(summaryRows(conversation.lastCard('summary')).get('area')).toEqual(
      summaryRows(back).get('area'),
    );
  });

  it('keeps the report open when "ny rapport" is typed in the middle of it', async () => {
    const conversation = chat();
    await lexSarahUntil(conversation, 'area');
    await conversation.send('ny rapport');
    expect(conversation.texts()).toEqual([sv.reportInProgress]);
    expect(conversation.cards().map((card) => card.avvikelseCard)).toEqual([
      { kind: 'question', field: 'area' },
    ]);
  });

  it('cancels a report: nothing is filed and no draft is kept', async () => {
    const conversation = chat();
    await lexSarahUntil(conversation, 'area');
    await conversation.send('avbryt');
    expect(conversation.texts()).toEqual([sv.cancelled]);
    expect(conversation.cards()).toEqual([]);
    await conversation.send('ny rapport');
    expect(conversation.lastCard().avvikelseCard.kind).toBe('typeChoice');
    // The cancel button under "Mer" does the same.
    await conversation.press('chooseType', { type: 'lexSarah' });
    await conversation.press('cancel');
    expect(conversation.texts()).toEqual([sv.cancelled]);
    expect(await harness.allCases()).toEqual([]);
  });

  it('shows help in a report and then the same question again; help outside a report too', async () => {
    const conversation = chat();
    await lexSarahUntil(conversation, 'area');
    await conversation.send('hjälp');
    expect(conversation.cards().map((card) => card.avvikelseCard)).toEqual([
      { kind: 'help' },
      { kind: 'question', field: 'area' },
    ]);
    await conversation.press('help');
    expect(conversation.cards().map((card) => card.avvikelseCard.kind)).toEqual([
      'help',
      'question',
    ]);
    await conversation.send('avbryt');
    await conversation.send('hjälp');
    expect(conversation.cards().map((card) => card.avvikelseCard)).toEqual([{ kind: 'help' }]);
  });
});

describe('personal data in free text', () => {
  const typed = 'aspiranten 811218-9876 ringde från 070-123 45 67';

  async function untilPersonalDataCard(conversation: BotConversation): Promise<Card> {
    await lexSarahUntil(conversation, 'description');
    await conversation.answer(typed);
    return conversation.lastCard('personalData');
  }

  it('shows counts, never the values, and offers the masked text', async () => {
    const conversation = chat();
    const card = await untilPersonalDataCard(conversation);
    expect(card.avvikelseCard).toEqual({ kind: 'personalData', field: 'description' });
    expect(renderedTexts(card)).toContain(
      sv.personalData.found({ personalIdentityNumber: 1, phoneNumber: 1 }),
    );
    const json = JSON.stringify(card);
    for (const value of ['811218-9876', '8112189876', '9876', '070-123 45 67', '123 45 67']) {
      expect(json).not.toContain(value);
    }
    expect(renderedTexts(card).map(unescapeCardText)).toContain(
      'aspiranten [personnummer] ringde från [telefonnummer]',
    );
  });

  it('stores the masked text with "Använd maskerad text"', async () => {
    const conversation = chat();
    await untilPersonalDataCard(conversation);
    await conversation.press('useMasked');
    expect(conversation.lastCard('question').avvikelseCard.field).toBe('consequences');
    await answerUntil(conversation, lexSarah.answers);
    await conversation.press('submit');
    const [record] = await harness.allCases();
    expect(getAnswer(record!.report.answers, 'description')).toBe(
      'aspiranten [personnummer] ringde från [telefonnummer]',
    );
  });

  it('stores the original with "Behåll min text"', async () => {
    const conversation = chat();
    await untilPersonalDataCard(conversation);
    await conversation.press('keepOriginal');
    await answerUntil(conversation, lexSarah.answers);
    await conversation.press('submit');
    const [record] = await harness.allCases();
    expect(getAnswer(record!.report.answers, 'description')).toBe(typed);
  });

  it('lets the reporter rewrite the text with "Ändra texten själv"', async () => {
    const conversation = chat();
    await untilPersonalDataCard(conversation);
    await conversation.press('edit', { field: 'description' });
    const card = conversation.lastCard('question');
    expect(card.avvikelseCard.field).toBe('description');
    await conversation.answer('Aspiranten A.B. ringde.');
    expect(conversation.lastCard('question').avvikelseCard.field).toBe('consequences');
  });
});

describe('drafts', () => {
  it('saves a draft, offers it at "ny rapport" and resumes at the same question', async () => {
    const conversation = chat();
    await lexSarahUntil(conversation, 'area');
    await conversation.press('saveForLater');
    expect(conversation.texts()).toEqual([sv.draft.saved]);

    await conversation.send('ny rapport');
    const found = conversation.lastCard('draftFound');
    expect(renderedTexts(found)).toContain(
      sv.draft.found(deviationTypeLabels.lexSarah.sv, 2, formatWhen(NOW.toISOString(), 'sv')),
    );
    await conversation.press('resume', { card: found });
    const area = conversation.lastCard('question');
    expect(area.avvikelseCard.field).toBe('area');
    await conversation.press('back', { card: area });
    expect(inputValue(conversation.lastCard('question'), 'unit')).toBe(lexSarah.answers.unit);
  });

  it('offers the saved draft when the reporter comes back and writes anything', async () => {
    const conversation = chat();
    await lexSarahUntil(conversation, 'area');
    await conversation.press('saveForLater');
    await conversation.send('hej');
    expect(conversation.texts()).not.toContain(sv.errors.unknownCommand);
    await conversation.press('resume', { card: conversation.lastCard('draftFound') });
    expect(conversation.lastCard('question').avvikelseCard.field).toBe('area');
  });

  it('discards a draft and starts over', async () => {
    const conversation = chat();
    await lexSarahUntil(conversation, 'area');
    await conversation.send('spara');
    await conversation.send('ny rapport');
    await conversation.press('discardDraft', { card: conversation.lastCard('draftFound') });
    expect(conversation.lastCard().avvikelseCard.kind).toBe('typeChoice');
    await conversation.send('avbryt');
    await conversation.send('ny rapport');
    expect(conversation.lastCard().avvikelseCard.kind).toBe('typeChoice');
  });

  it('keeps a saved draft over a restart of the server', async () => {
    const conversation = chat();
    await lexSarahUntil(conversation, 'noticedAt');
    await conversation.press('saveForLater');
    await harness.restart();
    await conversation.send('ny rapport');
    await conversation.press('resume', { card: conversation.lastCard('draftFound') });
    expect(conversation.lastCard('question').avvikelseCard.field).toBe('noticedAt');
  });

  it('continues a report in progress after a restart, on the card sent before it', async () => {
    const conversation = chat();
    const before = await lexSarahUntil(conversation, 'description');
    await harness.restart();
    await conversation.press('answer', {
      card: before,
      field: 'description',
      inputs: { description: lexSarah.answers.description },
    });
    expect(conversation.lastCard('question').avvikelseCard.field).toBe('consequences');
    await answerUntil(conversation, lexSarah.answers);
    await conversation.press('submit');
    const [record] = await harness.allCases();
    expect(answersWithoutReporter(record!)).toEqual(askedAnswers(lexSarah));
  });
});

describe('"mina rapporter"', () => {
  it("lists the reporter's own reports with their status, and not others'", async () => {
    const ainoChat = chat(aino);
    const bertilChat = chat(bertil);
    const ainoNumber = registrationNumberOn(await fileScenario(ainoChat, lexSarah));
    const bertilNumber = registrationNumberOn(await fileScenario(bertilChat, breach));

    await ainoChat.send('mina rapporter');
    const ainoList = ainoChat.lastCard('myReports');
    const ainoTexts = renderedTexts(ainoList).map(unescapeCardText);
    expect(ainoTexts).toEqual(
      expect.arrayContaining([
        ainoNumber,
        deviationTypeLabels.lexSarah.sv,
        `${sv.myReports.status('Registrerad')} · ${sv.myReports.received('2020-05-28')}`,
      ]),
    );
    expect(JSON.stringify(ainoList)).not.toContain(bertilNumber);
    expect(ainoTexts).toContain(sv.myReports.listHeading(1, 1));

    await bertilChat.send('mina rapporter');
    const bertilList = bertilChat.lastCard('myReports');
    expect(renderedTexts(bertilList).map(unescapeCardText)).toContain(bertilNumber);
    expect(JSON.stringify(bertilList)).not.toContain(ainoNumber);
  });

  it('says so when there are none, and shows the list mid-report before the same question', async () => {
    const conversation = chat();
    await conversation.send('mina rapporter');
    expect(renderedTexts(conversation.lastCard('myReports'))).toContain(sv.myReports.empty);
    await lexSarahUntil(conversation, 'area');
    await conversation.send('mina rapporter');
    expect(conversation.cards().map((card) => card.avvikelseCard)).toEqual([
      { kind: 'myReports' },
      { kind: 'question', field: 'area' },
    ]);
  });
});

describe('local mode: "byt användare"', () => {
  it('takes on a demo user, who then reports under their own name', async () => {
    const conversation = chat();
    await conversation.send('byt användare u-nobody');
    expect(conversation.texts()).toEqual([
      sv.errors.unknownDemoUser([
        'u-reporter',
        'u-reporter2',
        'u-investigator',
        'u-officer',
        'u-registrar',
        'u-dpo',
        'u-isam',
      ]),
    ]);
    await conversation.send('byt användare u-reporter2');
    expect(conversation.texts()).toEqual([sv.switchedUser('Nora Rask')]);
    await fileScenario(conversation, lexSarah);
    const [record] = await harness.allCases();
    expect(record?.reporter).toEqual({
      id: 'u-reporter2',
      name: 'Nora Rask',
      title: 'Arbetskonsulent',
    });
    // "Mina rapporter" follows the person taken on, not the Teams account.
    await conversation.send('mina rapporter');
    expect(renderedTexts(conversation.lastCard('myReports'))).toContain(
      sv.myReports.listHeading(1, 1),
    );
    // In another chat the same Teams user is themself again, with no reports of their own.
    const other = chat(aino, undefined, 'a:another-chat');
    await other.send('mina rapporter');
    expect(renderedTexts(other.lastCard('myReports'))).toContain(sv.myReports.empty);
  });
});

describe('bad input', () => {
  it('refuses an answer over the length limit on the same card, losing no earlier answer', async () => {
    const conversation = chat();
    await lexSarahUntil(conversation, 'unit');
    await conversation.answer('x'.repeat(201));
    const unit = conversation.lastCard('question');
    expect(unit.avvikelseCard.field).toBe('unit');
    expect(cardError(unit)).toContain('för lång');
    expect(inputValue(unit, 'unit')).toBeUndefined();

    // Typed in the chat instead of the card: the same.
    await conversation.send('y'.repeat(201));
    expect(cardError(conversation.lastCard('question'))).toContain('för lång');

    // A free-text answer over 8,000 characters is refused the same way.
    await conversation.answer('Jobbtorg Kista');
    await answerUntil(conversation, lexSarah.answers, 'description');
    await conversation.answer('z'.repeat(8001));
    const description = conversation.lastCard('question');
    expect(description.avvikelseCard.field).toBe('description');
    expect(cardError(description)).toContain('för lång');
    await conversation.answer(lexSarah.answers.description);

    // Every earlier answer is still there.
    await answerUntil(conversation, lexSarah.answers);
    await conversation.press('submit');
    const [record] = await harness.allCases();
    expect(answersWithoutReporter(record!)).toEqual({
      ...askedAnswers(lexSarah),
      unit: 'Jobbtorg Kista',
    });
  });

  it('refuses a date in the future and a date it cannot read, on the same question', async () => {
    const conversation = chat();
    await lexSarahUntil(conversation, 'noticedAt');
    await conversation.answer('2020-05-29T10:00:00+02:00');
    const future = conversation.lastCard('question');
    expect(future.avvikelseCard.field).toBe('noticedAt');
    expect(cardError(future)).toContain('kan inte ligga i framtiden');

    await conversation.send('förra veckan någon gång');
    const unreadable = conversation.lastCard('question');
    expect(unreadable.avvikelseCard.field).toBe('noticedAt');
    expect(cardError(unreadable)).toContain('kunde inte läsas');

    await conversation.press('answer', {
      field: 'noticedAt',
      inputs: { noticedAt: '2018-02-31', 'noticedAt.time': '14:00' },
    });
    expect(cardError(conversation.lastCard('question'))).toContain('kunde inte läsas');

    // A date typed as people write it is read as Stockholm time.
    await conversation.send('2018-02-01 14.00');
    expect(conversation.lastCard('question').avvikelseCard.field).toBe('affectedPerson.gender');
    await conversation.press('back');
    expect(inputsOf(conversation.lastCard('question')).map((input) => input.value)).toEqual([
      '2018-02-01',
      '14:00',
    ]);
  });

  it('refuses a card with input ids it did not send, and applies nothing', async () => {
    const conversation = chat();
    const unit = await lexSarahUntil(conversation, 'unit');
    await conversation.press('answer', {
      card: unit,
      field: 'unit',
      inputs: { unit: 'Jobbtorg Kista', 'reporter.name': 'Någon annan', signedBy: 'x' },
    });
    expect(conversation.texts()).toEqual([sv.errors.tamperedCard]);
    const again = conversation.lastCard('question');
    expect(again.avvikelseCard.field).toBe('unit');
    expect(inputValue(again, 'unit')).toBeUndefined();

    // A value that is not one of the bot's submits at all is refused the same way.
    await conversation.submit({ unit: 'Jobbtorg Kista' });
    expect(conversation.texts()).toEqual([sv.errors.tamperedCard]);
    await conversation.submit({ avvikelse: { action: 'format-disk', token: tokenOf(again) } });
    expect(conversation.texts()).toEqual([sv.errors.tamperedCard]);
    expect(conversation.lastCard('question').avvikelseCard.field).toBe('unit');
  });

  it('refuses values of the wrong kind on the same card', async () => {
    const conversation = chat();
    await lexSarahUntil(conversation, 'unit');
    for (const wrong of [{ text: 'Jobbtorg' }, 42, ['Jobbtorg'], true]) {
      await conversation.press('answer', { field: 'unit', inputs: { unit: wrong } });
      const card = conversation.lastCard('question');
      expect({ wrong, field: card.avvikelseCard.field, error: cardError(card) }).toEqual({
        wrong,
        field: 'unit',
        error: expect.stringContaining(labelOf('unit').sv),
      });
    }
    await conversation.answer('Jobbtorg Kista');
    // An option the card did not offer.
    await conversation.press('answer', { field: 'area', inputs: { area: 'moonBase' } });
    const area = conversation.lastCard('question');
    expect(area.avvikelseCard.field).toBe('area');
    expect(cardError(area)).toContain('Ogiltigt val');
    // A type the type card did not offer, and an edit of a field the report does not have.
    await conversation.send('avbryt');
    await conversation.send('ny rapport');
    await conversation.submit({
      avvikelse: { action: 'chooseType', token: tokenOf(conversation.lastCard()), type: 'x' },
    });
    expect(conversation.texts()).toEqual([sv.errors.tamperedCard]);
    expect(conversation.lastCard().avvikelseCard.kind).toBe('typeChoice');
    await conversation.press('chooseType', { type: 'lexSarah' });
    await conversation.submit({
      avvikelse: { action: 'edit', token: tokenOf(conversation.lastCard()), field: 'signedBy' },
    });
    expect(conversation.texts()).toEqual([sv.errors.tamperedCard]);
    // Nothing of it was applied.
    await answerUntil(conversation, lexSarah.answers);
    await conversation.press('submit');
    const [record] = await harness.allCases();
    expect(answersWithoutReporter(record!)).toEqual(askedAnswers(lexSarah));
  });

  it('stores injected markup as typed and never lets a card render it', async () => {
    const markup = '**fet** [länk](http://evil) {{DATE(2020-01-01T00:00:00Z)}}';
    const conversation = chat();
    await startReport(conversation, 'lexSarah');
    await answerUntil(conversation, { ...lexSarah.answers, unit: markup });
    const summary = conversation.lastCard('summary');
    expect(summaryRows(summary).get('unit')).toEqual([labelOf('unit').sv, markup]);
    await conversation.press('edit', { field: 'unit', card: summary });
    // The input gives the text back to edit as typed (inputs do not render Markdown).
    expect(inputValue(conversation.lastCard('question'), 'unit')).toBe(markup);
    await conversation.answer(markup);
    await conversation.press('submit');
    await conversation.send('mina rapporter');
    const [record] = await harness.allCases();
    expect(record?.report.answers.unit).toBe(markup);
    expect(record?.unit).toBe(markup);

    // No card of the whole conversation renders the markup live.
    const texts = cardsOf(conversation.transcript).flatMap((card) => renderedTexts(card));
    // Two summaries showed it (before and after the edit), escaped each time.
    expect(texts.filter((text) => text.includes('fet'))).toEqual([
      escapeCardText(markup),
      escapeCardText(markup),
    ]);
    for (const text of texts) {
      expect(text).not.toContain('**');
      expect(text).not.toMatch(/(^|[^\\])\[länk(\\)?\]\(/);
      expect(text).not.toContain('{{');
    }
    for (const text of conversation.transcript.flatMap((reply) => reply.text ?? [])) {
      expect(text).not.toContain(markup);
    }
  });

  it('answers a press on a stale card and does not apply it', async () => {
    const conversation = chat();
    const first = await lexSarahUntil(conversation, 'unit');
    await conversation.answer('Enhet A');
    await conversation.press('back');
    await conversation.answer('Enhet B');
    const area = conversation.lastCard('question');
    expect(area.avvikelseCard.field).toBe('area');

    // The first unit card, pressed again with another answer.
    await conversation.press('answer', { card: first, field: 'unit', inputs: { unit: 'Enhet C' } });
    expect(conversation.texts()).toEqual([sv.errors.staleCard]);
    const current = conversation.lastCard('question');
    expect(current.avvikelseCard.field).toBe('area');
    expect(tokenOf(current)).not.toBe(tokenOf(area));

    // The card before the last is stale too, as soon as a newer one is out.
    await conversation.press('answer', {
      card: area,
      field: 'area',
      inputs: { area: 'jobCentre' },
    });
    expect(conversation.texts()).toEqual([sv.errors.staleCard]);

    await conversation.press('back');
    expect(inputValue(conversation.lastCard('question'), 'unit')).toBe('Enhet B');
  });

  it('files one case when the same Skicka is pressed twice, and says where it went', async () => {
    const conversation = chat();
    const { summary } = await walkReport(conversation, 'lexSarah', lexSarah.answers);
    const submitValue = conversation.pressValue(summary, 'submit');
    await conversation.submit(submitValue);
    const number = registrationNumberOn(conversation.lastCard('submitted'));
    await conversation.submit(submitValue);
    expect(conversation.texts()).toEqual([sv.errors.alreadySubmitted(number)]);
    expect(conversation.cards()).toEqual([]);
    expect(await harness.allCases()).toHaveLength(1);
    expect(harness.notified).toHaveLength(1);
  });

  it('files one case and notifies once when two presses of Skicka race', async () => {
    const conversation = chat();
    const { summary } = await walkReport(conversation, 'lexSarah', lexSarah.answers);
    const submitValue = conversation.pressValue(summary, 'submit');
    await Promise.all([
      conversation.postOnly({ value: submitValue }),
      conversation.postOnly({ value: submitValue }),
    ]);
    conversation.collect();
    const cases = await harness.allCases();
    expect(cases).toHaveLength(1);
    expect(harness.notified.map((record) => record.id)).toEqual([cases[0]!.id]);
    // Every receipt shown names the one case; any other answer says nothing was lost.
    const receipts = conversation.cards().filter((card) => card.avvikelseCard.kind === 'submitted');
    expect(receipts.length).toBeGreaterThan(0);
    for (const receipt of receipts) {
      expect(registrationNumberOn(receipt)).toBe(cases[0]!.registrationNumber);
    }
    for (const text of conversation.texts()) {
      expect([
        sv.errors.alreadySubmitted(cases[0]!.registrationNumber ?? ''),
        sv.errors.serverBusy,
        sv.errors.staleCard,
      ]).toContain(text);
    }
    // Afterwards the button says where the report went.
    await conversation.submit(submitValue);
    expect(conversation.texts()).toEqual([
      sv.errors.alreadySubmitted(cases[0]!.registrationNumber ?? ''),
    ]);
  });

  it('answers an unknown command outside a report with what it can do', async () => {
    const conversation = chat();
    await conversation.send('visa allas rapporter');
    expect(conversation.texts()).toEqual([sv.errors.unknownCommand]);
    expect(conversation.cards()).toEqual([]);
    // An old card's button outside a report is stale, not an error.
    await conversation.submit({ avvikelse: { action: 'answer', token: 'old-draft.4' } });
    expect(conversation.texts()).toEqual([sv.errors.staleCard]);
  });

  it('answers an empty message, in and outside a report', async () => {
    const conversation = chat();
    await conversation.send('   ');
    expect(conversation.texts()).toEqual([sv.errors.emptyMessage]);
    await lexSarahUntil(conversation, 'unit');
    await conversation.send('');
    expect(conversation.texts()).toEqual([sv.errors.emptyMessage]);
    expect(conversation.lastCard('question').avvikelseCard.field).toBe('unit');
  });

  it('continues the draft when the server restarts between two messages', async () => {
    const conversation = chat();
    await lexSarahUntil(conversation, 'area');
    await harness.restart();
    await conversation.send('Jobbtorg');
    expect(conversation.lastCard('question').avvikelseCard.field).toBe('areaDetail');
  });

  it('answers a message that arrives while the store is closed, and loses nothing', async () => {
    const conversation = chat();
    const area = await lexSarahUntil(conversation, 'area');
    await harness.closeStore();
    await conversation.press('answer', {
      card: area,
      field: 'area',
      inputs: { area: 'jobCentre' },
    });
    expect(conversation.texts()).toEqual([sv.errors.generic]);
    expect(conversation.cards()).toEqual([]);
    expect(harness.turnErrors).toHaveLength(1);

    harness.reopen();
    // The same press again, once the server is back: it is taken, and the earlier answers stayed.
    await conversation.press('answer', {
      card: area,
      field: 'area',
      inputs: { area: 'jobCentre' },
    });
    expect(conversation.lastCard('question').avvikelseCard.field).toBe('areaDetail');
    await answerUntil(conversation, lexSarah.answers);
    await conversation.press('submit');
    const [record] = await harness.allCases();
    expect(answersWithoutReporter(record!)).toEqual(askedAnswers(lexSarah));
  });

  it('answers in English when the store is closed and Teams is in English', async () => {
    const conversation = chat(aino, 'en-US');
    await harness.closeStore();
    await conversation.send('new report');
    expect(conversation.texts()).toEqual([en.errors.generic]);
    harness.reopen();
  });
});

describe('language', () => {
  it('speaks English when Teams is in English', async () => {
    const conversation = chat(aino, 'en-US');
    await conversation.send('new report');
    const typeChoice = conversation.lastCard('typeChoice');
    expect(typeChoice.lang).toBe('en');
    expect(renderedTexts(typeChoice)).toContain(en.typeChoice.prompt);
    await conversation.press('chooseType', { type: 'lexSarah' });
    const kind = conversation.lastCard('question');
    expect(renderedTexts(kind)).toContain(labelOf('kind').en);
    await conversation.send('help');
    expect(renderedTexts(conversation.cards()[0])).toContain(en.help.title);
    await conversation.send('cancel');
    expect(conversation.texts()).toEqual([en.cancelled]);
    await conversation.send('what is this');
    expect(conversation.texts()).toEqual([en.errors.unknownCommand]);
  });

  it('speaks Swedish by default', async () => {
    for (const locale of [undefined, 'sv-SE', 'fi-FI']) {
      const conversation = chat(aino, locale, `a:chat-${String(locale)}`);
      await conversation.send('ny rapport');
      const typeChoice = conversation.lastCard('typeChoice');
      expect({ locale, lang: typeChoice.lang }).toEqual({ locale, lang: 'sv' });
      expect(renderedTexts(typeChoice)).toContain(sv.typeChoice.prompt);
      await conversation.send('avbryt');
    }
  });

  it('lets the user choose Swedish in an English Teams, and back, and remembers it', async () => {
    const conversation = chat(aino, 'en-US', 'a:chat-language');
    await conversation.send('svenska');
    expect(conversation.texts()).toEqual([sv.languageChosen]);
    await conversation.send('ny rapport');
    expect(conversation.lastCard('typeChoice').lang).toBe('sv');
    await conversation.send('avbryt');
    await harness.restart();
    await conversation.send('ny rapport');
    expect(conversation.lastCard('typeChoice').lang).toBe('sv');
    await conversation.send('avbryt');
    await conversation.send('english');
    expect(conversation.texts()).toEqual([en.languageChosen]);
    await conversation.send('new report');
    expect(conversation.lastCard('typeChoice').lang).toBe('en');
  });
});
