import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  cardActions,
  cardAttachment,
  draftFoundCard,
  escapeCardText,
  helpCard,
  myReportsCard,
  notificationCard,
  personalDataCard,
  questionCard,
  submittedCard,
  summaryCard,
  triageCard,
  typeChoiceCard,
  welcomeCard,
  type AdaptiveCard,
  type CardActionData,
  type MyReportRow,
} from '../../src/bot/cards.js';
import {
  attachmentLimits,
  bothLanguages,
  botStrings,
  type BotStrings,
} from '../../src/bot/strings.js';
import {
  breachDeadlines,
  lexSarahDeadlines,
  significantIncidentDeadlines,
} from '../../src/core/clocks.js';
import { deviationTypeLabels, deviationTypes, type DeviationType } from '../../src/core/fields.js';
import type { Locale } from '../../src/core/i18n.js';
import {
  getAnswer,
  questionFlows,
  setAnswer,
  triageQuestions,
  type Question,
} from '../../src/core/questionFlow.js';
import { makeCaseRecord } from '../fixtures/cases.js';
import { loadScenario, loadScenarios } from '../fixtures/scenarios.js';
import { nodesOf } from '../helpers/botConversation.js';

type Json = Record<string, unknown>;

const TOKEN = 'draft-1.7';

/** Every object in a card, depth first (actions inside ShowCards and ActionSets included). */
const nodes = nodesOf;

const ofType = (card: unknown, type: string): Json[] =>
  nodes(card).filter((node) => node.type === type);

const inputs = (card: unknown): Json[] =>
  nodes(card).filter((node) => typeof node.type === 'string' && node.type.startsWith('Input.'));

const inputIds = (card: unknown): unknown[] => inputs(card).map((input) => input.id);

const submits = (card: unknown): Json[] => ofType(card, 'Action.Submit');

function dataOf(action: Json): CardActionData {
  return (action.data as { avvikelse: CardActionData }).avvikelse;
}

const actionsNamed = (card: unknown, action: CardActionData['action']): CardActionData[] =>
  submits(card)
    .map(dataOf)
    .filter((data) => data.action === action);

/** The texts a card shows: TextBlocks and facts (the places Teams renders Markdown). */
function texts(card: unknown): string[] {
  return nodes(card).flatMap((node) => {
    if (node.type === 'TextBlock' && typeof node.text === 'string') return [node.text];
    if (typeof node.title === 'string' && typeof node.value === 'string' && !node.type) {
      return [node.title, node.value];
    }
    return [];
  });
}

function meta(card: AdaptiveCard): { kind: string; field?: string } {
  return card.avvikelseCard as { kind: string; field?: string };
}

function questionOf(type: DeviationType, id: string): Question {
  const question = questionFlows[type].find((candidate) => candidate.id === id);
  if (!question) throw new Error(`No question ${id}`);
  return question;
}

function ask(
  type: DeviationType,
  question: Question,
  extra: { currentValue?: unknown; canGoBack?: boolean; locale?: Locale } = {},
): AdaptiveCard {
  const flow = questionFlows[type];
  return questionCard({
    locale: extra.locale ?? 'sv',
    token: TOKEN,
    type,
    question,
    stepNumber: flow.indexOf(question) + 1,
    stepCount: flow.length,
    currentValue: extra.currentValue,
    canGoBack: extra.canGoBack ?? true,
  });
}

/** Reverses escapeCardText: drops the backslash escapes and the word joiners. */
const unescapeCardText = (text: string): string =>
  text.replace(/\u2060/g, '').replace(/\\([\s\S])/g, '$1');

/** Whether a TextBlock text still holds Markdown or a date function that would take effect. */
function hasLiveMarkup(text: string): boolean {
  if (text.includes('{{') || text.includes('}}')) return true;
  if (text.split(/\r\n|\r|\n/).some((line) => /^[ \t]*(?:[-+=]|\d+[.)])/.test(line))) return true;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charAt(index);
    if (char === '\\') {
      index += 1;
    } else if ('*_[]()#>`~<'.includes(char)) {
      return true;
    }
  }
  return false;
}

const allQuestions = deviationTypes.flatMap((type) =>
  questionFlows[type].map((question) => ({ type, id: question.id, question })),
);

describe('escapeCardText', () => {
  it('neutralises bold and italic', () => {
    const escaped = escapeCardText('**bold** and _italic_');
    expect(escaped).toBe('\\*\\*bold\\*\\* and \\_italic\\_');
    expect(escaped).not.toContain('**');
    expect(hasLiveMarkup(escaped)).toBe(false);
  });

  it('neutralises a link', () => {
    const escaped = escapeCardText('[link](http://x)');
    expect(escaped).toBe('\\[link\\]\\(http://x\\)');
    expect(escaped).not.toContain('](');
    expect(hasLiveMarkup(escaped)).toBe(false);
  });

  it('neutralises a date function', () => {
    const escaped = escapeCardText('{{DATE(2017-02-14T06:08:39Z,SHORT)}}');
    expect(escaped).not.toContain('{{');
    expect(escaped).not.toContain('}}');
    expect(escaped).not.toContain('DATE(');
    expect(unescapeCardText(escaped)).toBe('{{DATE(2017-02-14T06:08:39Z,SHORT)}}');
  });

  it('neutralises list, heading and quote markers at a line start only', () => {
    expect(escapeCardText('- one\n  + two\n1. three\r12. four')).toBe(
      '\\- one\n  \\+ two\n1\\. three\r12\\. four',
    );
    expect(escapeCardText('# rubrik\n> citat')).toBe('\\# rubrik\n\\> citat');
    expect(escapeCardText('2018-02-01, 3 - 2 = 1. Klart')).toBe('2018-02-01, 3 - 2 = 1. Klart');
  });

  it('leaves ordinary Swedish text alone', () => {
    const text = 'Coach J.Q. och arbetskonsulent N.R. pratade med aspiranten på Jobbtorg Kista.';
    expect(escapeCardText(text)).toBe(text);
  });

  const markdownish = fc.string({
    unit: fc.constantFrom(...'*_[]()#>`~<{}-+=.1 \n\r\\aåZ:/'.split('')),
    maxLength: 60,
  });

  it('never leaves Markdown or a date function live', () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        expect(hasLiveMarkup(escapeCardText(text))).toBe(false);
      }),
    );
  });

  it('shows exactly what was typed once the escapes are read', () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        expect(unescapeCardText(escapeCardText(text))).toBe(text);
      }),
    );
  });
});

describe('every card', () => {
  const record = makeCaseRecord({ registrationNumber: 'AMN 2026-0001-1.3' });
  const lexSarah = questionFlows.lexSarah;
  const cards: [string, AdaptiveCard][] = [
    ['welcome', welcomeCard('sv', TOKEN)],
    ['typeChoice', typeChoiceCard('sv', TOKEN)],
    ['triage', triageCard('sv', TOKEN)],
    ['question', ask('lexSarah', lexSarah[0] as Question)],
    [
      'personalData',
      personalDataCard({
        locale: 'sv',
        token: TOKEN,
        field: 'description',
        counts: { phoneNumber: 1 },
        maskedText: 'Ring [telefonnummer].',
      }),
    ],
    [
      'summary',
      summaryCard({
        locale: 'sv',
        token: TOKEN,
        type: 'lexSarah',
        answers: {},
        questions: lexSarah,
        reporter: { name: 'Jonas Quist' },
        protectedIdentity: false,
      }),
    ],
    ['submitted', submittedCard({ locale: 'sv', caseRecord: record, caseUrl: 'https://x/case/1' })],
    [
      'draftFound',
      draftFoundCard('sv', TOKEN, {
        type: 'lexSarah',
        answeredCount: 3,
        savedAt: '2026-03-02T09:00:00+01:00',
      }),
    ],
    ['myReports', myReportsCard('sv', [])],
    [
      'notification',
      notificationCard('sv', {
        type: 'lexSarah',
        registrationNumber: 'AMN 2026-0001-1.3',
        protectedIdentity: false,
        url: 'https://x/case/1',
      }),
    ],
    ['help', helpCard('sv', TOKEN)],
  ];

  it.each(cards)('%s is an Adaptive Card 1.5 that names its kind', (kind, card) => {
    expect(card.type).toBe('AdaptiveCard');
    expect(card.version).toBe('1.5');
    expect(card.$schema).toBe('http://adaptivecards.io/schemas/adaptive-card.json');
    expect(meta(card).kind).toBe(kind);
  });

  it.each(cards)('%s carries the action and the token on every submit', (_kind, card) => {
    for (const action of submits(card)) {
      const data = dataOf(action);
      expect(cardActions).toContain(data.action);
      expect(data.token).toBe(TOKEN);
      expect(typeof action.title).toBe('string');
    }
  });

  it('wraps a card as an Adaptive Card attachment', () => {
    const card = welcomeCard('sv', TOKEN);
    const attachment = cardAttachment(card);
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(attachment.content).toBe(card);
  });
});

describe('questionCard', () => {
  it.each(allQuestions)('$type $id: input ids, actions and field', ({ type, id, question }) => {
    const card = ask(type, question);
    const expected =
      question.kind === 'dateTime'
        ? [id, `${id}.time`]
        : question.kind === 'attachments'
          ? []
          : [id];
    expect(inputIds(card)).toEqual(expected);
    expect(meta(card)).toEqual({ kind: 'question', field: id });
    for (const action of submits(card)) {
      expect(cardActions).toContain(dataOf(action).action);
      expect(dataOf(action).token).toBe(TOKEN);
    }
    expect(actionsNamed(card, 'answer')).toEqual([{ action: 'answer', token: TOKEN, field: id }]);
    expect(actionsNamed(card, 'skip')).toHaveLength(question.required ? 0 : 1);
    expect(actionsNamed(card, 'back')).toHaveLength(1);
    expect(actionsNamed(card, 'saveForLater')).toHaveLength(1);
    expect(actionsNamed(card, 'help')).toHaveLength(1);
    expect(actionsNamed(card, 'cancel')).toHaveLength(1);
    for (const input of inputs(card)) {
      if (question.required) {
        expect(input.isRequired).toBe(true);
        expect(typeof input.errorMessage).toBe('string');
      } else {
        expect(input.isRequired).toBeUndefined();
      }
    }
  });

  it('leaves out Tillbaka on the first question', () => {
    const card = ask('lexSarah', questionOf('lexSarah', 'kind'), { canGoBack: false });
    expect(actionsNamed(card, 'back')).toHaveLength(0);
  });

  it('keeps Spara, Hjälp and Avbryt under Mer, and lets them through without a valid answer', () => {
    const card = ask('lexSarah', questionOf('lexSarah', 'description'));
    const more = ofType(card, 'Action.ShowCard');
    expect(more).toHaveLength(1);
    expect(more[0]?.title).toBe('Mer');
    expect(submits(more[0]?.card).map((action) => dataOf(action).action)).toEqual([
      'saveForLater',
      'help',
      'cancel',
    ]);
    for (const action of submits(card)) {
      const { action: name } = dataOf(action);
      expect(action.associatedInputs).toBe(name === 'answer' ? undefined : 'none');
    }
  });

  it('shows the step, the prompt and the help', () => {
    const question = questionOf('lexSarah', 'description');
    const shown = texts(ask('lexSarah', question));
    expect(shown).toContain('Lex Sarah-rapport · Fråga 8 av 12');
    expect(shown).toContain(question.prompt.sv);
    expect(shown).toContain(question.help?.sv);
    const english = texts(ask('lexSarah', question, { locale: 'en' }));
    expect(english).toContain('Lex Sarah report · Question 8 of 12');
    expect(english).toContain(question.prompt.en);
  });

  it('builds each kind of input', () => {
    const only = (type: DeviationType, id: string): Json => {
      const [input] = inputs(ask(type, questionOf(type, id)));
      if (!input) throw new Error(`No input for ${id}`);
      return input;
    };
    const kind = only('lexSarah', 'kind');
    expect(kind).toMatchObject({ type: 'Input.ChoiceSet', style: 'expanded' });
    expect(kind.choices).toEqual([
      { title: 'Ett missförhållande', value: 'misconduct' },
      { title: 'En påtaglig risk för ett missförhållande', value: 'risk' },
    ]);
    expect(only('personalDataBreach', 'dataCategories')).toMatchObject({
      type: 'Input.ChoiceSet',
      style: 'expanded',
      isMultiSelect: true,
    });
    expect(only('lexSarah', 'unit')).toMatchObject({ type: 'Input.Text', maxLength: 200 });
    expect(only('lexSarah', 'unit').isMultiline).toBeUndefined();
    expect(only('lexSarah', 'description')).toMatchObject({
      type: 'Input.Text',
      isMultiline: true,
      maxLength: 8000,
    });
    expect(only('personalDataBreach', 'dataSubjects.approxCount')).toMatchObject({
      type: 'Input.Number',
      min: 0,
    });
    expect(only('personalDataBreach', 'dataSubjects.categories')).toMatchObject({
      type: 'Input.Text',
    });
    expect(inputs(ask('lexSarah', questionOf('lexSarah', 'noticedAt')))).toMatchObject([
      { type: 'Input.Date', id: 'noticedAt', isRequired: true },
      { type: 'Input.Time', id: 'noticedAt.time', isRequired: true },
    ]);
  });

  it.each(loadScenarios())('prefills every answer of $file', (scenario) => {
    for (const question of questionFlows[scenario.type]) {
      const value = getAnswer(scenario.answers, question.id);
      if (value === undefined || question.kind === 'attachments') continue;
      const card = ask(scenario.type, question, { currentValue: value });
      const [first, second] = inputs(card);
      switch (question.kind) {
        case 'multiChoice':
          expect(first?.value).toBe((value as string[]).join(','));
          break;
        case 'list':
          expect(first?.value).toBe((value as string[]).join(', '));
          break;
        case 'dateTime': {
          // The scenarios write Stockholm offsets, so the local date and time are the ISO parts.
          const iso = value as string;
          expect(first?.value).toBe(iso.slice(0, 10));
          expect(second?.value).toBe(iso.slice(11, 16));
          break;
        }
        case 'choice':
        case 'shortText':
        case 'longText':
        case 'number':
          expect(first?.value).toBe(value);
      }
    }
  });

  it('prefills a date and time in Stockholm time, whatever the stored offset', () => {
    const question = questionOf('personalDataBreach', 'discoveredAt');
    const summer = inputs(
      ask('personalDataBreach', question, { currentValue: '2018-06-01T12:00:00Z' }),
    );
    expect(summer.map((input) => input.value)).toEqual(['2018-06-01', '14:00']);
    const nextDay = inputs(
      ask('personalDataBreach', question, { currentValue: '2018-01-31T23:30:00Z' }),
    );
    expect(nextDay.map((input) => input.value)).toEqual(['2018-02-01', '00:30']);
  });

  it('leaves inputs empty without an answer', () => {
    for (const { type, question } of allQuestions) {
      for (const input of inputs(ask(type, question))) expect(input.value).toBeUndefined();
    }
  });

  it('shows the error first, in attention colour, escaped', () => {
    const question = questionOf('lexSarah', 'unit');
    const card = questionCard({
      locale: 'sv',
      token: TOKEN,
      type: 'lexSarah',
      question,
      stepNumber: 2,
      stepCount: 12,
      currentValue: 'x',
      error: { sv: 'Fel i **fältet**', en: 'Wrong in **field**' },
      canGoBack: true,
    });
    const [first] = card.body as Json[];
    expect(first).toMatchObject({ type: 'TextBlock', color: 'attention' });
    expect(first?.text).toBe('Fel i \\*\\*fältet\\*\\*');
  });

  it('asks for attachments in the chat, with Klar and Hoppa över, listing files escaped', () => {
    const question = questionOf('lexSarah', 'attachments');
    const card = ask('lexSarah', question, {
      currentValue: [
        { documentId: 'd1', name: '**jobbplan**.pdf', mediaType: 'application/pdf', size: 4 },
      ],
    });
    expect(inputs(card)).toEqual([]);
    const shown = texts(card).join('\n');
    expect(shown).toContain('chatten');
    expect(shown).toContain(`${attachmentLimits.maxFiles} filer`);
    expect(shown).toContain('10 MB');
    expect(shown).toContain('\\*\\*jobbplan\\*\\*.pdf');
    expect(shown).not.toContain('**jobbplan**');
    const done = submits(card).find((action) => dataOf(action).action === 'answer');
    expect(done?.title).toBe('Klar');
    const skip = submits(card).find((action) => dataOf(action).action === 'skip');
    expect(skip?.title).toBe('Hoppa över');
  });
});

describe('typeChoiceCard and triageCard', () => {
  it('offers the three types and Vet inte', () => {
    const card = typeChoiceCard('sv', TOKEN);
    const choices = actionsNamed(card, 'chooseType');
    expect(choices.map((data) => data.type)).toEqual([
      'lexSarah',
      'personalDataBreach',
      'securityIncident',
      'unsure',
    ]);
    const titles = submits(card)
      .filter((action) => dataOf(action).action === 'chooseType')
      .map((action) => action.title);
    expect(titles).toEqual([
      'Lex Sarah-rapport',
      'Personuppgiftsincident',
      'Informationssäkerhetsincident',
      'Vet inte',
    ]);
    expect(inputs(card)).toEqual([]);
  });

  it('asks the three triage questions as expanded yes/no choices', () => {
    const card = triageCard('sv', TOKEN);
    expect(inputIds(card)).toEqual(triageQuestions.map((question) => question.id));
    for (const input of inputs(card)) {
      expect(input).toMatchObject({ type: 'Input.ChoiceSet', style: 'expanded', isRequired: true });
      expect(input.choices).toEqual([
        { title: 'Ja', value: 'yes' },
        { title: 'Nej', value: 'no' },
      ]);
    }
    expect(actionsNamed(card, 'triage')).toEqual([{ action: 'triage', token: TOKEN }]);
    expect(texts(card)).toContain(triageQuestions[0].prompt.sv);
  });
});

describe('personalDataCard', () => {
  const card = personalDataCard({
    locale: 'sv',
    token: TOKEN,
    field: 'description',
    counts: { personalIdentityNumber: 1, phoneNumber: 2 },
    maskedText: 'N.R. har [personnummer] och [telefonnummer], [telefonnummer].',
  });

  it('counts what it found and shows the masked text escaped', () => {
    const shown = texts(card);
    expect(shown).toContain('Jag hittade 1 personnummer och 2 telefonnummer i ditt svar.');
    expect(shown).toContain(
      escapeCardText('N.R. har [personnummer] och [telefonnummer], [telefonnummer].'),
    );
    expect(shown.join(' ')).toContain('initialer');
  });

  it('offers the masked text, the original and editing, for the field', () => {
    expect(meta(card)).toEqual({ kind: 'personalData', field: 'description' });
    expect(submits(card).map(dataOf)).toEqual([
      { action: 'useMasked', token: TOKEN, field: 'description' },
      { action: 'keepOriginal', token: TOKEN, field: 'description' },
      { action: 'edit', token: TOKEN, field: 'description' },
    ]);
    expect(submits(card).map((action) => action.title)).toEqual([
      'Använd maskerad text',
      'Behåll min text',
      'Ändra texten själv',
    ]);
  });
});

describe('summaryCard', () => {
  const reporter = { name: 'Jonas Quist', title: 'Coach' };

  function summary(
    type: DeviationType,
    answers: Json,
    extra: { locale?: Locale; protectedIdentity?: boolean } = {},
  ): AdaptiveCard {
    return summaryCard({
      locale: extra.locale ?? 'sv',
      token: TOKEN,
      type,
      answers,
      questions: questionFlows[type],
      reporter,
      protectedIdentity: extra.protectedIdentity ?? false,
    });
  }

  /** What the summary should show for an answer of the scenarios (no line breaks in them). */
  function expectedText(question: Question, value: unknown): string {
    const label = (item: unknown): string =>
      question.options?.find((option) => option.value === item)?.label.sv ?? String(item);
    switch (question.kind) {
      case 'choice':
        return label(value);
      case 'multiChoice':
        return (value as unknown[]).map(label).join(', ');
      case 'list':
        return (value as string[]).map(escapeCardText).join(', ');
      case 'number':
        return String(value);
      case 'shortText':
      case 'longText':
      case 'dateTime':
      case 'attachments':
        return escapeCardText(String(value));
    }
  }

  it.each(loadScenarios())('lists every answer of $file with an Ändra per field', (scenario) => {
    const card = summary(scenario.type, scenario.answers);
    const shown = texts(card);
    const flow = questionFlows[scenario.type];
    for (const question of flow) {
      const value = getAnswer(scenario.answers, question.id);
      expect(shown).toContain(question.prompt.sv);
      if (value === undefined || question.kind === 'dateTime') continue;
      expect(shown).toContain(expectedText(question, value));
    }
    expect(actionsNamed(card, 'edit').map((data) => data.field)).toEqual(
      flow.map((question) => question.id),
    );
    expect(inputs(card)).toEqual([]);
    expect(actionsNamed(card, 'submit')).toHaveLength(1);
    expect(actionsNamed(card, 'saveForLater')).toHaveLength(1);
    expect(actionsNamed(card, 'cancel')).toHaveLength(1);
    expect(submits(card).find((action) => dataOf(action).action === 'submit')?.title).toBe(
      'Skicka',
    );
  });

  it('shows dates with the weekday in Stockholm time, in the reader’s language', () => {
    const scenario = loadScenario('lex-sarah-denied-placement.json');
    expect(texts(summary('lexSarah', scenario.answers))).toContain('torsdag 2018-02-01 14:00');
    expect(texts(summary('lexSarah', scenario.answers, { locale: 'en' }))).toContain(
      'Thursday 2018-02-01 14:00',
    );
    const breach = loadScenario('breach-misdirected-jobplan.json');
    expect(texts(summary('personalDataBreach', breach.answers))).toContain(
      'onsdag 2020-05-27 15:40',
    );
  });

  it('marks unanswered questions and names attachments', () => {
    const shown = texts(
      summary('lexSarah', {
        attachments: [
          { documentId: 'd1', name: 'foto_1.heic', mediaType: 'image/heic', size: 1 },
          { documentId: 'd2', name: 'anteckning.txt', mediaType: 'text/plain', size: 1 },
        ],
      }),
    );
    expect(shown).toContain('Inte besvarad');
    expect(shown).toContain('foto\\_1.heic, anteckning.txt');
  });

  it('shows the reporter, not as an input', () => {
    const card = summary('lexSarah', {});
    expect(texts(card)).toContain('Jonas Quist, Coach');
    expect(texts(card).join(' ')).toContain('kan inte ändras');
    expect(inputs(card)).toEqual([]);
  });

  it('shows the protected-identity banner only when relevant', () => {
    const protectedCard = summary('lexSarah', {}, { protectedIdentity: true });
    expect(texts(protectedCard)).toContain('SKYDDADE PERSONUPPGIFTER');
    expect(texts(summary('lexSarah', {}))).not.toContain('SKYDDADE PERSONUPPGIFTER');
  });

  it('escapes answers so they cannot add links or formatting', () => {
    const shown = texts(
      summary('lexSarah', {
        unit: '[Klicka här](https://evil.example)',
        description: '**Viktigt**\n- punkt\n{{DATE(2017-02-14T06:08:39Z,SHORT)}}',
      }),
    );
    expect(shown).toContain('\\[Klicka här\\]\\(https://evil.example\\)');
    for (const text of shown) {
      expect(text).not.toContain('](');
      expect(text).not.toContain('**');
      expect(text).not.toContain('{{');
    }
    expect(shown).toContain(
      '\\*\\*Viktigt\\*\\*\n\n\\- punkt\n\n{\u2060{DATE\\(2017-02-14T06:08:39Z,SHORT\\)}\u2060}',
    );
  });

  it('shortens a very long answer and says so', () => {
    const shown = texts(summary('lexSarah', { description: 'a'.repeat(5000) }));
    const description = shown.find((text) => text.startsWith('aaa'));
    expect(description?.length).toBeLessThan(1100);
    expect(description?.endsWith('…')).toBe(true);
    expect(shown.join(' ')).toContain('förkortad');
  });

  it.each(deviationTypes)(
    'stays under the Teams card size limit for a %s with every text at its longest',
    (type) => {
      // Teams refuses cards over about 28 KB; asterisks are the worst case for escaping.
      const answers = questionFlows[type].reduce<Json>(
        (all, question) =>
          question.kind === 'shortText' || question.kind === 'longText'
            ? setAnswer(all, question.id, '*'.repeat(question.maxLength ?? 0))
            : all,
        {},
      );
      const size = Buffer.byteLength(JSON.stringify(summary(type, answers)), 'utf8');
      expect(size).toBeLessThan(28 * 1024);
    },
  );

  it('shows an error at the top', () => {
    const card = summaryCard({
      locale: 'en',
      token: TOKEN,
      type: 'lexSarah',
      answers: {},
      questions: questionFlows.lexSarah,
      reporter,
      protectedIdentity: false,
      error: { sv: 'Fel', en: 'Wrong' },
    });
    expect((card.body as Json[])[0]).toMatchObject({ text: 'Wrong', color: 'attention' });
  });
});

describe('submittedCard', () => {
  const discoveredAt = '2020-05-27T15:40:00+02:00';
  const breach = makeCaseRecord({
    type: 'personalDataBreach',
    registrationNumber: 'AMN 2020-0576-1.3',
    routedGroup: 'dpo',
    receivedAt: '2020-05-27T16:40:00+02:00',
    clockStartedAt: discoveredAt,
    deadlines: breachDeadlines(new Date(discoveredAt)),
  });

  it('shows the number large, the type, the DPO step with the IMY deadline, and a link', () => {
    const card = submittedCard({ locale: 'sv', caseRecord: breach, caseUrl: 'https://x/case/9' });
    const shown = texts(card);
    const number = nodes(card).find((node) => node.text === 'AMN 2020-0576-1.3');
    expect(number).toMatchObject({ size: 'extraLarge', weight: 'bolder' });
    expect(shown).toContain('Personuppgiftsincident');
    const all = shown.join('\n');
    expect(all).toContain('Dataskyddsombudet');
    expect(all).toContain('senast lördag 2020-05-30 15:40');
    expect(all).toContain('Anmälan till IMY: senast lördag 2020-05-30 15:40 (71 timmar kvar)');
    expect(all).toContain('Mina rapporter');
    expect(ofType(card, 'Action.OpenUrl')).toEqual([
      { type: 'Action.OpenUrl', title: 'Öppna rapporten', url: 'https://x/case/9' },
    ]);
  });

  it('counts the hours left from the time given', () => {
    const card = submittedCard({
      locale: 'en',
      caseRecord: breach,
      caseUrl: 'https://x/case/9',
      now: new Date('2020-05-30T03:40:00+02:00'),
    });
    expect(texts(card).join('\n')).toContain('(12 hours left)');
  });

  it('tells a Lex Sarah reporter about the five working days', () => {
    const receivedAt = '2026-03-02T09:00:00+01:00';
    const record = makeCaseRecord({
      registrationNumber: 'AMN 2026-0001-1.3',
      deadlines: lexSarahDeadlines(new Date(receivedAt)),
    });
    const all = texts(submittedCard({ locale: 'sv', caseRecord: record, caseUrl: 'u' })).join('\n');
    expect(all).toContain('Lex Sarah-ansvarig');
    expect(all).toContain('inom 5 arbetsdagar');
    expect(all).toContain(
      'Inleda utredning eller besluta att inte utreda: senast måndag 2026-03-09',
    );
  });

  it('tells an incident reporter about the security coordinator', () => {
    const record = makeCaseRecord({
      type: 'securityIncident',
      registrationNumber: 'AMN 2026-0002-1.3',
      deadlines: significantIncidentDeadlines(new Date('2026-03-02T09:00:00+01:00')),
    });
    const all = texts(submittedCard({ locale: 'sv', caseRecord: record, caseUrl: 'u' })).join('\n');
    expect(all).toContain('Informationssäkerhetssamordnaren');
    expect(all).toContain('Tidig varning: senast tisdag 2026-03-03 09:00 (24 timmar kvar)');
  });

  it('says the number is to come when there is none yet, and marks a protected case', () => {
    const record = makeCaseRecord({ registrationNumber: null, protectedIdentity: true });
    const all = texts(submittedCard({ locale: 'sv', caseRecord: record, caseUrl: 'u' })).join('\n');
    expect(all).toContain('får sitt diarienummer när den registreras');
    expect(all).toContain('skyddade personuppgifter');
  });
});

describe('draftFoundCard and myReportsCard', () => {
  it('offers to continue or start over, saying what the draft holds', () => {
    const card = draftFoundCard('sv', TOKEN, {
      type: 'personalDataBreach',
      answeredCount: 4,
      savedAt: '2026-03-02T09:00:00+01:00',
    });
    expect(texts(card)).toContain(
      'Personuppgiftsincident, 4 frågor besvarade, sparat måndag 2026-03-02 09:00.',
    );
    expect(submits(card).map(dataOf)).toEqual([
      { action: 'resume', token: TOKEN },
      { action: 'discardDraft', token: TOKEN },
    ]);
    expect(submits(card).map((action) => action.title)).toEqual(['Fortsätt utkastet', 'Börja om']);
    const untyped = draftFoundCard('en', TOKEN, {
      type: null,
      answeredCount: 1,
      savedAt: '2026-03-02T09:00:00+01:00',
    });
    expect(texts(untyped)).toContain(
      'Type not chosen yet, 1 question answered, saved Monday 2026-03-02 09:00.',
    );
  });

  it('says so when there are no reports', () => {
    expect(texts(myReportsCard('sv', []))).toContain(botStrings('sv').myReports.empty);
  });

  it('lists the ten latest reports with number, type, status, date and link', () => {
    const rows: MyReportRow[] = Array.from({ length: 12 }, (_, index) => ({
      registrationNumber:
        index === 11 ? null : `AMN 2026-${String(index + 1).padStart(4, '0')}-1.3`,
      type: deviationTypes[index % 3] as DeviationType,
      state: index === 11 ? 'submitted' : 'underInvestigation',
      receivedAt: `2026-03-${String(index + 1).padStart(2, '0')}T09:00:00+01:00`,
      url: `https://x/case/${String(index)}`,
    }));
    const card = myReportsCard('sv', rows);
    const rowsShown = nodes(card).filter((node) => node.selectAction !== undefined);
    expect(rowsShown).toHaveLength(10);
    expect(rowsShown[0]?.selectAction).toMatchObject({
      type: 'Action.OpenUrl',
      url: 'https://x/case/11',
    });
    const shown = texts(card);
    expect(shown).toContain('Dina 10 senaste rapporter av 12');
    expect(shown).toContain('Diarienummer kommer');
    expect(shown).toContain('Status: Inskickad · Inkom 2026-03-12');
    expect(shown).toContain('Status: Under utredning · Inkom 2026-03-11');
    expect(shown).not.toContain('AMN 2026-0001-1.3');
  });
});

describe('notificationCard', () => {
  const scenarios = loadScenarios();
  const reporterName = 'Jonas Quist';
  const stringsIn = (value: unknown): string[] => {
    if (typeof value === 'string') return [value];
    if (Array.isArray(value)) return value.flatMap(stringsIn);
    if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(stringsIn);
    return [];
  };
  // Short option values ("no", "man") could occur by chance; every real answer text is longer.
  const answerTexts = scenarios
    .flatMap((scenario) => stringsIn(scenario.answers))
    .filter((text) => text.length > 3);

  it.each(deviationTypes)('for a %s says only the type, the number and a link', (type) => {
    const card = notificationCard('sv', {
      type,
      registrationNumber: 'AMN 2020-0576-1.3',
      protectedIdentity: false,
      url: 'https://x/case/1',
    });
    const json = JSON.stringify(card);
    expect(answerTexts.length).toBeGreaterThan(10);
    for (const text of answerTexts) expect(json).not.toContain(text);
    expect(json).not.toContain(reporterName);
    expect(texts(card)).toEqual([
      `Ny ${botStrings('sv').types.inSentence[type]} har kommit in: AMN 2020-0576-1.3`,
    ]);
    expect(ofType(card, 'Action.OpenUrl')).toEqual([
      { type: 'Action.OpenUrl', title: 'Öppna ärendet', url: 'https://x/case/1' },
    ]);
    expect(submits(card)).toEqual([]);
  });

  it('reads "Ny personuppgiftsincident har kommit in" for the breach scenario', () => {
    const card = notificationCard('sv', {
      type: 'personalDataBreach',
      registrationNumber: 'AMN 2020-0576-1.3',
      protectedIdentity: false,
      url: 'u',
    });
    expect(texts(card)).toEqual(['Ny personuppgiftsincident har kommit in: AMN 2020-0576-1.3']);
  });

  it.each(deviationTypes)('for a protected %s does not even say the type', (type) => {
    for (const locale of ['sv', 'en'] as const) {
      const card = notificationCard(locale, {
        type,
        registrationNumber: 'AMN 2020-0576-1.3',
        protectedIdentity: true,
        url: 'https://x/case/1',
      });
      const json = JSON.stringify(card).toLowerCase();
      for (const other of deviationTypes) {
        for (const lang of ['sv', 'en'] as const) {
          expect(json).not.toContain(deviationTypeLabels[other][lang].toLowerCase());
          expect(json).not.toContain(botStrings(lang).types.inSentence[other].toLowerCase());
        }
      }
      for (const word of ['sarah', 'incident', 'personuppgift', 'breach', 'skydd', 'protected']) {
        expect(json).not.toContain(word);
      }
      expect(texts(card)).toEqual([
        locale === 'sv'
          ? 'Ett nytt ärende har kommit in: AMN 2020-0576-1.3'
          : 'A new case has been received: AMN 2020-0576-1.3',
      ]);
    }
  });

  it('still works before the case has a number', () => {
    const card = notificationCard('sv', {
      type: 'lexSarah',
      registrationNumber: null,
      protectedIdentity: false,
      url: 'u',
    });
    expect(texts(card)).toEqual(['Ny lex Sarah-rapport har kommit in']);
  });
});

describe('welcomeCard and helpCard', () => {
  it('explains what happens to a report and offers the three starting points', () => {
    const card = welcomeCard('sv', TOKEN);
    const all = texts(card).join('\n');
    for (const phrase of [
      'lex Sarah',
      'personuppgiftsincident',
      'informationssäkerhetsincident',
      'diariet',
      'diarienummer',
      'lex Sarah-ansvarig',
      'dataskyddsombudet',
      'informationssäkerhetssamordnaren',
      'bara de',
      'Mina rapporter',
      'Skicka',
      'ny rapport',
      'mina rapporter',
      'hjälp',
      'avbryt',
    ]) {
      expect(all).toContain(phrase);
    }
    expect(submits(card).map(dataOf)).toEqual([
      { action: 'newReport', token: TOKEN },
      { action: 'myReports', token: TOKEN },
      { action: 'help', token: TOKEN },
    ]);
    expect(submits(card).map((action) => action.title)).toEqual([
      'Ny rapport',
      'Mina rapporter',
      'Hjälp',
    ]);
  });

  it('helps with the commands and leads back to a report', () => {
    const card = helpCard('en', TOKEN);
    const all = texts(card).join('\n');
    expect(all).toContain('new report');
    expect(all).toContain('112');
    expect(submits(card).map(dataOf)).toEqual([
      { action: 'newReport', token: TOKEN },
      { action: 'myReports', token: TOKEN },
    ]);
  });
});

describe('botStrings', () => {
  type Leaf = [path: string, value: unknown];

  function leaves(value: unknown, path = ''): Leaf[] {
    if (typeof value === 'object' && value !== null) {
      return Object.entries(value).flatMap(([key, inner]) =>
        leaves(inner, path === '' ? key : `${path}.${key}`),
      );
    }
    return [[path, value]];
  }

  // Arguments to call each string function with; a new function must be added here.
  const sampleArgs: Record<string, unknown[]> = {
    'triage.result': ['Personuppgiftsincident', 'Skäl.'],
    'triage.alsoConsider': ['Lex Sarah-rapport'],
    'questions.stepCounter': [3, 12],
    'questions.attachmentsInstruction': [10, 10],
    'buttons.editField': ['Enhet'],
    'personalData.found': [{ personalIdentityNumber: 1, phoneNumber: 2, email: 2 }],
    'summary.attachmentCount': [2],
    'submitted.nextLexSarah': [5],
    'submitted.nextBreach': ['lördag 2020-05-30 15:40'],
    'submitted.deadline': ['Anmälan till IMY', 'lördag 2020-05-30 15:40', '71 timmar kvar'],
    'myReports.listHeading': [10, 12],
    'myReports.received': ['2026-03-02'],
    'myReports.status': ['Registrerad'],
    'draft.found': ['Lex Sarah-rapport', 3, 'måndag 2026-03-02 09:00'],
    switchedUser: ['Anna'],
    'attachments.received': [2],
    'attachments.total': [3, 10],
    'notification.newCase': ['personuppgiftsincident', 'AMN 2020-0576-1.3'],
    'notification.newProtectedCase': ['AMN 2020-0576-1.3'],
    'errors.alreadySubmitted': ['AMN 2020-0576-1.3'],
    'errors.tooLong': [200],
    'errors.attachmentTooBig': [10],
    'errors.tooManyAttachments': [10],
    'errors.unknownDemoUser': [['anna', 'bo']],
  };

  /** Every leaf as text: strings as they are, functions called with their sample arguments. */
  function rendered(locale: Locale): Map<string, string> {
    return new Map(
      leaves(botStrings(locale)).map(([path, value]): [string, string] => {
        if (typeof value === 'function') {
          const args = sampleArgs[path];
          if (!args) throw new Error(`No sample arguments for ${path}`);
          return [path, String((value as (...a: unknown[]) => unknown)(...args))];
        }
        return [path, String(value)];
      }),
    );
  }

  const sv = rendered('sv');
  const en = rendered('en');

  it('has the same keys in Swedish and English, none of them empty', () => {
    expect([...en.keys()]).toEqual([...sv.keys()]);
    for (const [path, text] of [...sv, ...en]) {
      expect({ path, empty: text.trim() === '' }).toEqual({ path, empty: false });
    }
  });

  it('requires every Swedish key in every language (checked by the compiler)', () => {
    const partial: Omit<BotStrings, 'cancelled'> = botStrings('en');
    // @ts-expect-error a table without one of the Swedish keys is not a BotStrings
    const incomplete: BotStrings = partial;
    expect(incomplete.cancelled).toBe(botStrings('en').cancelled);
  });

  it('says everything differently in Swedish and English', () => {
    // "Status" is the same word in both languages, and the sample state is the same text.
    const sameByDesign = new Set(['myReports.status']);
    const same = [...sv]
      .filter(([path, text]) => en.get(path) === text && !sameByDesign.has(path))
      .map(([path]) => path);
    expect(same).toEqual([]);
  });

  it('writes Swedish without English words', () => {
    const english =
      /\b(?:the|and|you|your|report|submit|cancel|help|draft|please|click|file|case)\b/i;
    const offenders = [...sv].filter(([, text]) => english.test(text)).map(([path]) => path);
    expect(offenders).toEqual([]);
  });

  it('names the buttons as agreed', () => {
    const buttons = (locale: Locale): BotStrings['buttons'] => botStrings(locale).buttons;
    expect(buttons('sv')).toMatchObject({
      next: 'Nästa',
      back: 'Tillbaka',
      skip: 'Hoppa över',
      cancel: 'Avbryt',
      help: 'Hjälp',
      saveForLater: 'Spara och fortsätt senare',
      submit: 'Skicka',
      edit: 'Ändra',
      useMasked: 'Använd maskerad text',
      keepOriginal: 'Behåll min text',
      resume: 'Fortsätt utkastet',
      discardDraft: 'Börja om',
      yes: 'Ja',
      no: 'Nej',
    });
    expect(buttons('en')).toMatchObject({
      next: 'Next',
      back: 'Back',
      skip: 'Skip',
      cancel: 'Cancel',
      help: 'Help',
      saveForLater: 'Save and continue later',
      submit: 'Submit',
      edit: 'Edit',
      useMasked: 'Use masked text',
      keepOriginal: 'Keep my text',
      resume: 'Continue the draft',
      discardDraft: 'Start over',
      yes: 'Yes',
      no: 'No',
    });
  });

  it('counts personal data per kind, never quoting it', () => {
    expect(sv.get('personalData.found')).toBe(
      'Jag hittade 1 personnummer, 2 telefonnummer och 2 e-postadresser i ditt svar.',
    );
    expect(en.get('personalData.found')).toBe(
      'I found 1 personal identity number, 2 phone numbers and 2 e-mail addresses in your answer.',
    );
    expect(botStrings('sv').personalData.found({ coordinationNumber: 1 })).toBe(
      'Jag hittade 1 samordningsnummer i ditt svar.',
    );
  });

  it('states the step, the limits and the registration number', () => {
    expect(sv.get('questions.stepCounter')).toBe('Fråga 3 av 12');
    expect(en.get('questions.stepCounter')).toBe('Question 3 of 12');
    expect(sv.get('errors.tooLong')).toContain('200 tecken');
    expect(sv.get('errors.alreadySubmitted')).toContain('AMN 2020-0576-1.3');
    expect(sv.get('errors.attachmentTooBig')).toContain('10 MB');
    expect(sv.get('errors.tooManyAttachments')).toContain('10 filer');
    for (const type of ['pdf', 'png', 'jpeg', 'gif', 'heic', 'docx', 'xlsx', 'txt']) {
      expect(sv.get('errors.attachmentWrongType')).toContain(type);
      expect(attachmentLimits.extensions).toContain(type);
    }
    expect(attachmentLimits.maxFileBytes).toBe(10 * 1024 * 1024);
    expect(attachmentLimits.maxFiles).toBe(10);
    expect(sv.get('errors.dateInFuture')).toContain('framtiden');
    expect(sv.get('errors.serverBusy')).toContain('försök igen');
  });

  it('describes what happens next for each type', () => {
    expect(sv.get('submitted.nextLexSarah')).toContain('inom 5 arbetsdagar');
    expect(sv.get('submitted.nextBreach')).toContain('senast lördag 2020-05-30 15:40');
    expect(sv.get('submitted.nextBreach')).toContain('Integritetsskyddsmyndigheten (IMY)');
    expect(sv.get('submitted.nextIncident')).toContain('Informationssäkerhetssamordnaren');
    expect(sv.get('submitted.followStatus')).toContain('Mina rapporter');
  });

  it('gives one string in both languages for APIs that take a LocalizedText', () => {
    expect(bothLanguages((strings) => strings.errors.cannotSkip)).toEqual({
      sv: botStrings('sv').errors.cannotSkip,
      en: botStrings('en').errors.cannotSkip,
    });
  });
});
