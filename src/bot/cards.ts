import { CardFactory, type Attachment } from 'botbuilder';
import { DateTime } from 'luxon';
import { STOCKHOLM } from '../core/calendar.js';
import type { CaseRecord } from '../core/cases.js';
import {
  breachDeadlines,
  deadlineStatus,
  defaultClockSettings,
  type Deadline,
  type DeadlineKind,
} from '../core/clocks.js';
import { deviationTypeLabels, deviationTypes, type DeviationType } from '../core/fields.js';
import type { Locale, LocalizedText } from '../core/i18n.js';
import type { PersonalDataKind } from '../core/personalData.js';
import { getAnswer, triageQuestions, type Answers, type Question } from '../core/questionFlow.js';
import { stateLabels, type CaseState } from '../core/workflow.js';
import { attachmentLimits, botStrings, type BotStrings } from './strings.js';

/**
 * The bot's Adaptive Cards (schema 1.5) as plain JSON, built by pure functions so tests and the
 * Playground can read them without a renderer.
 *
 * Contracts (ARCHITECTURE.md): every `Input.*` id is the SPEC field id of the question it
 * answers — a dateTime question adds `Input.Time` with id `<fieldId>.time` — and every
 * `Action.Submit` carries `data.avvikelse = { action, token, field?, type? }`. Each card also
 * names itself in the custom top-level property `avvikelseCard` (renderers ignore unknown
 * properties), so a test can tell which field a card asks for without parsing its text.
 *
 * Everything a user typed (answers, unit names, file names) goes through `escapeCardText` before
 * it lands in a TextBlock, because Teams renders TextBlock text as Markdown: unescaped, an answer
 * could turn into a link with hidden text or a date function. Input values are never escaped:
 * they are what the user gets back to edit, and Input.* does not render Markdown.
 */

/** An Adaptive Card as JSON. */
export type AdaptiveCard = Record<string, unknown>;

/** One element, action or choice inside a card. */
type Json = Record<string, unknown>;

/** What a card button asks the bot to do (`data.avvikelse.action`). */
export const cardActions = [
  'chooseType',
  'triage',
  'answer',
  'skip',
  'back',
  'cancel',
  'help',
  'saveForLater',
  'resume',
  'discardDraft',
  'useMasked',
  'keepOriginal',
  'edit',
  'submit',
  'newReport',
  'myReports',
] as const;
/** One card action. */
export type CardAction = (typeof cardActions)[number];

/** The payload every Action.Submit carries under `data.avvikelse`. */
export interface CardActionData {
  action: CardAction;
  /** The token the caller gave the card; a submit with an older token comes from a stale card. */
  token: string;
  /** The SPEC field id the action is about (answer, skip, edit, personal-data choices). */
  field?: string;
  /** The chosen type, on `chooseType` only. */
  type?: DeviationType | 'unsure';
}

/** Which card a card is (`avvikelseCard.kind`). */
export type CardKind =
  | 'welcome'
  | 'typeChoice'
  | 'triage'
  | 'question'
  | 'personalData'
  | 'summary'
  | 'submitted'
  | 'draftFound'
  | 'myReports'
  | 'notification'
  | 'help';

const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
const VERSION = '1.5';

// A TextBlock shows at most this many characters of one answer on the summary: Teams refuses
// cards over about 28 KB, and a report has up to five free-text answers of 8,000 characters.
// The whole text is one Ändra away.
const SUMMARY_TEXT_MAX = 1000;
// Teams lists at most this many reports before the list stops being a glance.
const MY_REPORTS_MAX = 10;

const WORD_JOINER = '\u2060';

/**
 * Makes user-supplied text safe to place in a TextBlock or Fact: no Markdown, link or date
 * function it contains takes effect; it is shown as typed.
 *
 * Adaptive Cards render a CommonMark subset in TextBlocks (bold `**`, italic `_`, bullet `- `,
 * numbered `1. `, links `[t](url)`), Teams and the JS renderer also honour more of CommonMark,
 * and `{{DATE(…)}}`/`{{TIME(…)}}` are replaced before any Markdown runs. So:
 * - every Markdown punctuation character is backslash-escaped (the CommonMark way, honoured by
 *   Teams desktop, web and current mobile clients); the backslash also breaks the two-character
 *   sequences (`**`, `](`) that simpler parsers look for;
 * - list, heading and rule markers at a line start (`- `, `+ `, `1. `, `= `) are escaped there,
 *   where they are special, and nowhere else;
 * - `{{` and `}}` get an invisible word joiner between the braces, because date functions are
 *   expanded before Markdown escapes are read, so only breaking the braces apart stops them.
 */
export function escapeCardText(text: string): string {
  return text
    .replace(/[\\*_[\]()#>`~<]/g, '\\$&')
    .replace(/^([ \t]*)([-+=])/gm, '$1\\$2')
    .replace(/^([ \t]*\d+)\./gm, '$1\\.')
    .replace(/\{(?=\{)/g, `{${WORD_JOINER}`)
    .replace(/\}(?=\})/g, `}${WORD_JOINER}`);
}

/**
 * User text for a TextBlock: escaped, with each line break kept (a single newline in Markdown
 * would join the lines into one paragraph).
 */
function userText(text: string): string {
  return escapeCardText(text.replace(/\r\n?/g, '\n')).replace(/\n+/g, '\n\n');
}

/** Wraps a card in the attachment the Bot Framework sends. */
export function cardAttachment(card: AdaptiveCard): Attachment {
  return CardFactory.adaptiveCard(card);
}

function card(
  locale: Locale,
  kind: CardKind,
  body: Json[],
  actions: Json[] = [],
  field?: string,
): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: SCHEMA,
    version: VERSION,
    lang: locale,
    avvikelseCard: field === undefined ? { kind } : { kind, field },
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}

function textBlock(text: string, extra: Json = {}): Json {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

function title(text: string): Json {
  return textBlock(text, { size: 'large', weight: 'bolder', style: 'heading' });
}

function subtle(text: string): Json {
  return textBlock(text, { isSubtle: true, spacing: 'small' });
}

function errorBlock(error: LocalizedText | undefined, locale: Locale): Json[] {
  // Validation messages can quote what was sent (an unknown key, a value): escape like user text.
  return error
    ? [textBlock(userText(error[locale]), { color: 'attention', weight: 'bolder' })]
    : [];
}

function submit(title: string, data: CardActionData, extra: Json = {}): Json {
  return { type: 'Action.Submit', title, data: { avvikelse: data }, ...extra };
}

// Back, skip, cancel, help and "save for later" must work with a required input still empty,
// so they neither send nor validate the card's inputs.
const noInputs = { associatedInputs: 'none' } as const;

function moreMenu(strings: BotStrings, token: string): Json {
  return {
    type: 'Action.ShowCard',
    title: strings.buttons.more,
    card: {
      type: 'AdaptiveCard',
      body: [],
      actions: [
        submit(strings.buttons.saveForLater, { action: 'saveForLater', token }, noInputs),
        submit(strings.buttons.help, { action: 'help', token }, noInputs),
        submit(
          strings.buttons.cancel,
          { action: 'cancel', token },
          { ...noInputs, style: 'destructive' },
        ),
      ],
    },
  };
}

/** "torsdag 2018-02-01 14:00" in Stockholm time; the raw text if it is not an ISO instant. */
export function formatWhen(iso: string, locale: Locale): string {
  const when = DateTime.fromISO(iso, { setZone: true });
  if (!when.isValid) return iso;
  return when.setZone(STOCKHOLM).setLocale(locale).toFormat('cccc yyyy-MM-dd HH:mm');
}

function formatDate(iso: string): string {
  const when = DateTime.fromISO(iso, { setZone: true });
  return when.isValid ? when.setZone(STOCKHOLM).toFormat('yyyy-MM-dd') : iso;
}

function typeLabel(type: DeviationType, locale: Locale): string {
  return deviationTypeLabels[type][locale];
}

/** The welcome card: what the bot does, what happens to a report, and where to start. */
export function welcomeCard(locale: Locale, token: string): AdaptiveCard {
  const s = botStrings(locale);
  return card(
    locale,
    'welcome',
    [
      title(s.welcome.title),
      textBlock(s.welcome.body),
      textBlock(s.welcome.whatHappens),
      textBlock(s.welcome.privacy, { weight: 'bolder' }),
      textBlock(s.welcome.emergency, { isSubtle: true }),
      commandFacts(s),
    ],
    [
      submit(s.buttons.newReport, { action: 'newReport', token }, { style: 'positive' }),
      submit(s.buttons.myReports, { action: 'myReports', token }),
      submit(s.buttons.help, { action: 'help', token }),
    ],
  );
}

function commandFacts(s: BotStrings): Json {
  const c = s.commands;
  return {
    type: 'Container',
    spacing: 'medium',
    items: [
      textBlock(c.heading, { weight: 'bolder' }),
      {
        type: 'FactSet',
        facts: [
          { title: c.newReport, value: c.newReportDescription },
          { title: c.myReports, value: c.myReportsDescription },
          { title: c.help, value: c.helpDescription },
          { title: c.cancel, value: c.cancelDescription },
        ],
      },
    ],
  };
}

/** The first question: which kind of report, or "Vet inte" for the triage. */
export function typeChoiceCard(locale: Locale, token: string): AdaptiveCard {
  const s = botStrings(locale);
  const choices: { type: DeviationType | 'unsure'; label: string; description: string }[] = [
    ...deviationTypes.map((type) => ({
      type,
      label: typeLabel(type, locale),
      description: s.types.descriptions[type],
    })),
    { type: 'unsure', label: s.types.unsure, description: s.types.descriptions.unsure },
  ];
  return card(
    locale,
    'typeChoice',
    [
      textBlock(s.typeChoice.prompt, { size: 'medium', weight: 'bolder' }),
      subtle(s.typeChoice.help),
      ...choices.map((choice): Json => ({
        type: 'Container',
        separator: true,
        spacing: 'medium',
        items: [
          textBlock(choice.description),
          {
            type: 'ActionSet',
            actions: [
              submit(choice.label, { action: 'chooseType', token, type: choice.type }, noInputs),
            ],
          },
        ],
      })),
    ],
    [submit(s.buttons.cancel, { action: 'cancel', token }, noInputs)],
  );
}

/** The three yes/no questions that suggest a type when the reporter does not know it. */
export function triageCard(locale: Locale, token: string): AdaptiveCard {
  const s = botStrings(locale);
  return card(
    locale,
    'triage',
    [
      title(s.triage.title),
      textBlock(s.triage.intro),
      ...triageQuestions.flatMap((question): Json[] => [
        textBlock(question.prompt[locale], { weight: 'bolder', spacing: 'medium' }),
        {
          type: 'Input.ChoiceSet',
          id: question.id,
          style: 'expanded',
          isRequired: true,
          errorMessage: s.triage.answerRequired,
          choices: [
            { title: s.triage.yes, value: 'yes' },
            { title: s.triage.no, value: 'no' },
          ],
        },
      ]),
    ],
    [
      submit(s.buttons.triage, { action: 'triage', token }, { style: 'positive' }),
      submit(s.buttons.back, { action: 'back', token }, noInputs),
    ],
  );
}

/** What `questionCard` needs: the question, where it is in the flow, and what was answered. */
export interface QuestionCardOptions {
  locale: Locale;
  token: string;
  type: DeviationType;
  question: Question;
  stepNumber: number;
  stepCount: number;
  /** The answer given so far (typed, as stored), shown in the input to edit. */
  currentValue: unknown;
  /** Why the last answer was refused, shown at the top. */
  error?: LocalizedText;
  canGoBack: boolean;
}

/** Splits an ISO instant into the Stockholm date and HH:mm an Input.Date and Input.Time show. */
function localDateAndTime(value: unknown): { date?: string; time?: string } {
  if (typeof value !== 'string') return {};
  const when = DateTime.fromISO(value, { setZone: true });
  if (!when.isValid) return {};
  const local = when.setZone(STOCKHOLM);
  return { date: local.toFormat('yyyy-MM-dd'), time: local.toFormat('HH:mm') };
}

function stringValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function listValue(value: unknown, separator: string): string | undefined {
  if (Array.isArray(value)) return value.map(String).join(separator);
  return stringValue(value);
}

function requiredProps(required: boolean, message: string): Json {
  return required ? { isRequired: true, errorMessage: message } : {};
}

function withValue(value: unknown): Json {
  return value === undefined ? {} : { value };
}

function questionInputs(
  s: BotStrings,
  locale: Locale,
  question: Question,
  currentValue: unknown,
): Json[] {
  const { id, required } = question;
  const mustAnswer = requiredProps(required, s.questions.required);
  const choices = (question.options ?? []).map((option) => ({
    title: option.label[locale],
    value: option.value,
  }));
  switch (question.kind) {
    case 'choice':
      return [
        {
          type: 'Input.ChoiceSet',
          id,
          style: 'expanded',
          choices,
          ...withValue(stringValue(currentValue)),
          ...mustAnswer,
        },
      ];
    case 'multiChoice':
      return [
        {
          type: 'Input.ChoiceSet',
          id,
          style: 'expanded',
          isMultiSelect: true,
          choices,
          // A multi-select ChoiceSet's value is its selected values joined by commas.
          ...withValue(listValue(currentValue, ',')),
          ...mustAnswer,
        },
      ];
    case 'shortText':
    case 'longText':
      return [
        {
          type: 'Input.Text',
          id,
          placeholder: s.questions.textPlaceholder,
          ...(question.kind === 'longText' ? { isMultiline: true } : {}),
          ...(question.maxLength === undefined ? {} : { maxLength: question.maxLength }),
          ...withValue(stringValue(currentValue)),
          ...mustAnswer,
        },
      ];
    case 'list':
      return [
        {
          type: 'Input.Text',
          id,
          placeholder: s.questions.listPlaceholder,
          ...withValue(listValue(currentValue, ', ')),
          ...mustAnswer,
        },
      ];
    case 'number':
      return [
        {
          type: 'Input.Number',
          id,
          min: 0,
          placeholder: s.questions.numberPlaceholder,
          ...withValue(typeof currentValue === 'number' ? currentValue : undefined),
          ...mustAnswer,
        },
      ];
    case 'dateTime': {
      const { date, time } = localDateAndTime(currentValue);
      return [
        {
          type: 'ColumnSet',
          columns: [
            {
              type: 'Column',
              width: 'stretch',
              items: [
                {
                  type: 'Input.Date',
                  id,
                  label: s.questions.dateLabel,
                  ...withValue(date),
                  ...requiredProps(required, s.questions.dateRequired),
                },
              ],
            },
            {
              type: 'Column',
              width: 'stretch',
              items: [
                {
                  type: 'Input.Time',
                  id: `${id}.time`,
                  label: s.questions.timeLabel,
                  ...withValue(time),
                  // Without a time the answer would silently mean midnight.
                  ...requiredProps(required, s.questions.timeRequired),
                },
              ],
            },
          ],
        },
      ];
    }
    case 'attachments':
      return [];
  }
}

function attachmentNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (typeof item === 'string') return [item];
    if (typeof item === 'object' && item !== null && 'name' in item) {
      return typeof item.name === 'string' ? [item.name] : [];
    }
    return [];
  });
}

/** One question of the flow: its prompt, help, the input for its kind, and the step buttons. */
export function questionCard(options: QuestionCardOptions): AdaptiveCard {
  const { locale, token, type, question, stepNumber, stepCount, currentValue, error } = options;
  const s = botStrings(locale);
  const field = question.id;
  const body: Json[] = [
    ...errorBlock(error, locale),
    textBlock(`${typeLabel(type, locale)} · ${s.questions.stepCounter(stepNumber, stepCount)}`, {
      isSubtle: true,
      size: 'small',
    }),
    textBlock(question.prompt[locale], { weight: 'bolder', size: 'medium', spacing: 'small' }),
    ...(question.help ? [subtle(question.help[locale])] : []),
    ...(question.required ? [] : [subtle(s.questions.optional)]),
  ];
  let primary: Json;
  if (question.kind === 'attachments') {
    const names = attachmentNames(currentValue);
    body.push(
      textBlock(
        s.questions.attachmentsInstruction(
          attachmentLimits.maxFiles,
          attachmentLimits.maxFileBytes / (1024 * 1024),
        ),
      ),
      names.length === 0
        ? subtle(s.questions.attachmentsNone)
        : textBlock(
            `${s.questions.attachmentsSoFar}\n\n${names.map((name) => userText(name)).join('\n\n')}`,
          ),
    );
    primary = submit(s.buttons.done, { action: 'answer', token, field }, { style: 'positive' });
  } else {
    body.push(...questionInputs(s, locale, question, currentValue));
    primary = submit(s.buttons.next, { action: 'answer', token, field }, { style: 'positive' });
  }
  const actions: Json[] = [primary];
  if (!question.required) {
    actions.push(submit(s.buttons.skip, { action: 'skip', token, field }, noInputs));
  }
  if (options.canGoBack) actions.push(submit(s.buttons.back, { action: 'back', token }, noInputs));
  actions.push(moreMenu(s, token));
  return card(locale, 'question', body, actions, field);
}

/** What `personalDataCard` needs: the field, how much was found, and the masked text. */
export interface PersonalDataCardOptions {
  locale: Locale;
  token: string;
  field: string;
  counts: Partial<Record<PersonalDataKind, number>>;
  maskedText: string;
}

/** Tells the reporter what personal data was found (counts, never values) and offers the masked text. */
export function personalDataCard(options: PersonalDataCardOptions): AdaptiveCard {
  const { locale, token, field, counts, maskedText } = options;
  const s = botStrings(locale);
  return card(
    locale,
    'personalData',
    [
      textBlock(s.personalData.title, { size: 'medium', weight: 'bolder', color: 'warning' }),
      textBlock(s.personalData.found(counts)),
      textBlock(s.personalData.advice),
      textBlock(s.personalData.maskedHeading, { weight: 'bolder' }),
      { type: 'Container', style: 'emphasis', items: [textBlock(userText(maskedText))] },
      textBlock(s.personalData.choose),
    ],
    [
      submit(s.buttons.useMasked, { action: 'useMasked', token, field }, { style: 'positive' }),
      submit(s.buttons.keepOriginal, { action: 'keepOriginal', token, field }),
      submit(s.buttons.editText, { action: 'edit', token, field }),
    ],
    field,
  );
}

/** What `summaryCard` needs: every answer, the questions they answer, and who reports. */
export interface SummaryCardOptions {
  locale: Locale;
  token: string;
  type: DeviationType;
  answers: Answers;
  questions: readonly Question[];
  reporter: { name: string; title?: string };
  protectedIdentity: boolean;
  error?: LocalizedText;
}

function isEmptyAnswer(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

function optionText(question: Question, value: unknown, locale: Locale): string {
  const text = String(value);
  const option = question.options?.find((candidate) => candidate.value === text);
  return option ? option.label[locale] : userText(text);
}

/** An answer as the summary shows it (Markdown-safe), and whether it was shortened. */
function answerText(
  question: Question,
  value: unknown,
  locale: Locale,
): { text: string; truncated: boolean } {
  const whole = (text: string): { text: string; truncated: boolean } => ({
    text,
    truncated: false,
  });
  switch (question.kind) {
    case 'choice':
      return whole(optionText(question, value, locale));
    case 'multiChoice':
      return whole(
        (Array.isArray(value) ? value : [value])
          .map((item) => optionText(question, item, locale))
          .join(', '),
      );
    case 'dateTime':
      return whole(typeof value === 'string' ? userText(formatWhen(value, locale)) : '');
    case 'number':
      return whole(
        typeof value === 'number'
          ? new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB').format(value)
          : userText(String(value)),
      );
    case 'list':
      return whole(
        (Array.isArray(value) ? value.map(String) : [String(value)])
          .map((item) => userText(item))
          .join(', '),
      );
    case 'attachments':
      return whole(
        attachmentNames(value)
          .map((name) => userText(name))
          .join(', '),
      );
    case 'shortText':
    case 'longText': {
      const text = typeof value === 'string' ? value : String(value);
      const truncated = text.length > SUMMARY_TEXT_MAX;
      return {
        text: userText(truncated ? `${text.slice(0, SUMMARY_TEXT_MAX).trimEnd()} …` : text),
        truncated,
      };
    }
  }
}

function summaryRow(
  s: BotStrings,
  locale: Locale,
  token: string,
  question: Question,
  value: unknown,
): Json {
  const label = question.prompt[locale];
  const items: Json[] = [textBlock(label, { weight: 'bolder' })];
  if (isEmptyAnswer(value)) {
    items.push(subtle(s.summary.notAnswered));
  } else {
    const { text, truncated } = answerText(question, value, locale);
    items.push(textBlock(text, { spacing: 'small' }));
    if (truncated) items.push(subtle(s.summary.truncated));
  }
  return {
    type: 'Container',
    separator: true,
    spacing: 'medium',
    items: [
      {
        type: 'ColumnSet',
        columns: [
          { type: 'Column', width: 'stretch', items },
          {
            type: 'Column',
            width: 'auto',
            verticalContentAlignment: 'center',
            items: [
              {
                type: 'ActionSet',
                actions: [
                  submit(
                    s.buttons.edit,
                    { action: 'edit', token, field: question.id },
                    { ...noInputs, tooltip: s.buttons.editField(label) },
                  ),
                ],
              },
            ],
          },
        ],
      },
    ],
  };
}

function protectedBanner(s: BotStrings): Json {
  return {
    type: 'Container',
    style: 'attention',
    bleed: true,
    items: [
      textBlock(s.summary.protectedBanner, {
        weight: 'bolder',
        size: 'medium',
        color: 'attention',
      }),
      textBlock(s.summary.protectedNote, { spacing: 'small' }),
    ],
  };
}

/** Every answer with an Ändra button per field, the reporter, and the Skicka button. */
export function summaryCard(options: SummaryCardOptions): AdaptiveCard {
  const { locale, token, type, answers, questions, reporter, protectedIdentity, error } = options;
  const s = botStrings(locale);
  const reporterText = reporter.title
    ? `${userText(reporter.name)}, ${userText(reporter.title)}`
    : userText(reporter.name);
  return card(
    locale,
    'summary',
    [
      ...(protectedIdentity ? [protectedBanner(s)] : []),
      ...errorBlock(error, locale),
      title(s.summary.title),
      textBlock(s.summary.intro),
      {
        type: 'FactSet',
        facts: [{ title: s.summary.typeHeading, value: typeLabel(type, locale) }],
      },
      ...questions.map((question) =>
        summaryRow(s, locale, token, question, getAnswer(answers, question.id)),
      ),
      {
        type: 'Container',
        separator: true,
        spacing: 'medium',
        items: [
          textBlock(s.summary.reporterHeading, { weight: 'bolder' }),
          textBlock(reporterText, { spacing: 'small' }),
          subtle(s.summary.reporterNote),
        ],
      },
    ],
    [
      submit(s.buttons.submit, { action: 'submit', token }, { style: 'positive' }),
      submit(s.buttons.saveForLater, { action: 'saveForLater', token }, noInputs),
      submit(s.buttons.cancel, { action: 'cancel', token }, { ...noInputs, style: 'destructive' }),
    ],
  );
}

/** What `submittedCard` needs. */
export interface SubmittedCardOptions {
  locale: Locale;
  caseRecord: CaseRecord;
  caseUrl: string;
  /** The time the deadline's "hours left" is counted from; the report's receipt by default. */
  now?: Date;
}

// The deadline a reporter cares about first, per type: the one the law or the board sets.
const headlineDeadlines: Record<DeviationType, readonly DeadlineKind[]> = {
  lexSarah: ['openOrDecline'],
  personalDataBreach: ['imyNotification'],
  securityIncident: ['earlyWarning', 'incidentNotification'],
};

function nearestDeadline(record: CaseRecord, now: Date): Deadline | undefined {
  const upcoming = [...record.deadlines]
    .filter((deadline) => Date.parse(deadline.dueAt) >= now.getTime())
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  const preferred = headlineDeadlines[record.type];
  return upcoming.find((deadline) => preferred.includes(deadline.kind)) ?? upcoming[0];
}

function imyDeadline(record: CaseRecord): Deadline | undefined {
  return (
    record.deadlines.find((deadline) => deadline.kind === 'imyNotification') ??
    breachDeadlines(new Date(record.clockStartedAt)).find((d) => d.kind === 'imyNotification')
  );
}

function nextSteps(s: BotStrings, locale: Locale, record: CaseRecord): string {
  switch (record.type) {
    case 'lexSarah':
      return s.submitted.nextLexSarah(defaultClockSettings.lexSarah.openOrDeclineWithinWorkingDays);
    case 'personalDataBreach': {
      const deadline = imyDeadline(record);
      return s.submitted.nextBreach(deadline ? formatWhen(deadline.dueAt, locale) : '');
    }
    case 'securityIncident':
      return s.submitted.nextIncident;
  }
}

/** The receipt: registration number, what happens next, the nearest deadline, a link. */
export function submittedCard(options: SubmittedCardOptions): AdaptiveCard {
  const { locale, caseRecord: record, caseUrl } = options;
  const now = options.now ?? new Date(record.receivedAt);
  const s = botStrings(locale);
  const deadline = nearestDeadline(record, now);
  const number: Json[] =
    record.registrationNumber === null
      ? [textBlock(s.submitted.registrationNumberPending)]
      : [
          subtle(s.submitted.registrationNumberLabel),
          textBlock(userText(record.registrationNumber), {
            size: 'extraLarge',
            weight: 'bolder',
            spacing: 'none',
          }),
        ];
  const deadlineLine: Json[] = [];
  if (deadline) {
    const status = deadlineStatus(deadline, now);
    deadlineLine.push(
      textBlock(
        s.submitted.deadline(
          deadline.label[locale],
          formatWhen(deadline.dueAt, locale),
          status.remainingText[locale],
        ),
        { isSubtle: true },
      ),
    );
  }
  return card(
    locale,
    'submitted',
    [
      title(s.submitted.title),
      ...number,
      {
        type: 'FactSet',
        facts: [{ title: s.submitted.typeLabel, value: typeLabel(record.type, locale) }],
      },
      ...(record.protectedIdentity
        ? [textBlock(s.submitted.protectedNote, { color: 'attention' })]
        : []),
      textBlock(s.submitted.nextStepsHeading, { weight: 'bolder', spacing: 'medium' }),
      textBlock(nextSteps(s, locale, record)),
      ...deadlineLine,
      textBlock(s.submitted.followStatus),
    ],
    [{ type: 'Action.OpenUrl', title: s.buttons.openReport, url: caseUrl }],
  );
}

/** What `draftFoundCard` shows about the saved draft. */
export interface DraftSummary {
  type: DeviationType | null;
  answeredCount: number;
  savedAt: string;
}

/** Offers to continue a saved draft or start over. */
export function draftFoundCard(locale: Locale, token: string, draft: DraftSummary): AdaptiveCard {
  const s = botStrings(locale);
  const label = draft.type === null ? s.draft.typeNotChosen : typeLabel(draft.type, locale);
  return card(
    locale,
    'draftFound',
    [
      title(s.draft.foundTitle),
      textBlock(s.draft.found(label, draft.answeredCount, formatWhen(draft.savedAt, locale))),
      textBlock(s.draft.resumePrompt),
    ],
    [
      submit(s.buttons.resume, { action: 'resume', token }, { style: 'positive' }),
      submit(s.buttons.discardDraft, { action: 'discardDraft', token }, { style: 'destructive' }),
    ],
  );
}

/** One of the reporter's own reports, as "Mina rapporter" lists it. */
export interface MyReportRow {
  registrationNumber: string | null;
  type: DeviationType;
  state: CaseState;
  receivedAt: string;
  url: string;
}

/** The reporter's latest reports (at most ten): number, type, status, date, link. */
export function myReportsCard(locale: Locale, cases: readonly MyReportRow[]): AdaptiveCard {
  const s = botStrings(locale);
  if (cases.length === 0) {
    return card(locale, 'myReports', [title(s.myReports.title), textBlock(s.myReports.empty)]);
  }
  const latest = [...cases]
    .sort((a, b) => Date.parse(b.receivedAt) - Date.parse(a.receivedAt))
    .slice(0, MY_REPORTS_MAX);
  return card(locale, 'myReports', [
    title(s.myReports.title),
    subtle(s.myReports.intro),
    textBlock(s.myReports.listHeading(latest.length, cases.length), { weight: 'bolder' }),
    ...latest.map((row): Json => ({
      type: 'Container',
      separator: true,
      spacing: 'medium',
      selectAction: { type: 'Action.OpenUrl', url: row.url, title: s.buttons.openReport },
      items: [
        textBlock(
          row.registrationNumber === null
            ? s.myReports.numberPending
            : userText(row.registrationNumber),
          { weight: 'bolder', color: 'accent' },
        ),
        textBlock(typeLabel(row.type, locale), { spacing: 'none' }),
        subtle(
          `${s.myReports.status(stateLabels[row.state][locale])} · ${s.myReports.received(formatDate(row.receivedAt))}`,
        ),
      ],
    })),
  ]);
}

/** What a notification may say: the type, the number and a link, and whether it is protected. */
export interface NotificationCardOptions {
  type: DeviationType;
  registrationNumber: string | null;
  protectedIdentity: boolean;
  url: string;
}

/**
 * Tells a handler that a case came in. Takes only type, number and link, so no name or answer
 * can reach a notification (SPEC §5); a protected case does not even say its type (SPEC §6).
 */
export function notificationCard(locale: Locale, options: NotificationCardOptions): AdaptiveCard {
  const s = botStrings(locale);
  const number = options.registrationNumber === null ? null : userText(options.registrationNumber);
  const text = options.protectedIdentity
    ? s.notification.newProtectedCase(number)
    : s.notification.newCase(s.types.inSentence[options.type], number);
  return card(
    locale,
    'notification',
    [textBlock(text, { weight: 'bolder' })],
    [{ type: 'Action.OpenUrl', title: s.notification.open, url: options.url }],
  );
}

/** How the bot works, with the commands and the way back to a report. */
export function helpCard(locale: Locale, token: string): AdaptiveCard {
  const s = botStrings(locale);
  return card(
    locale,
    'help',
    [
      title(s.help.title),
      textBlock(s.help.body),
      textBlock(s.help.initials),
      textBlock(s.help.dates),
      textBlock(s.help.pause),
      textBlock(s.help.questions),
      textBlock(s.help.language),
      textBlock(s.help.emergency, { weight: 'bolder' }),
      commandFacts(s),
    ],
    [
      submit(s.buttons.newReport, { action: 'newReport', token }, { style: 'positive' }),
      submit(s.buttons.myReports, { action: 'myReports', token }),
    ],
  );
}
