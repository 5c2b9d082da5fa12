import { DateTime } from 'luxon';
import { z } from 'zod';
import type { FieldIssue } from './errors.js';
import { labelFor, labelOf, optionLabels, type DeviationType } from './fields.js';
import type { LocalizedText } from './i18n.js';
import {
  breachAnswersSchema,
  incidentAnswersSchema,
  lexSarahAnswersSchema,
  LONG_TEXT_MAX,
  SHORT_TEXT_MAX,
} from './reports.js';
import { toFieldIssues } from './validation.js';

/**
 * The guided questions of SPEC §2–3b as data: which field each step asks for, how, in what order
 * and with what help. The bot walks it one step at a time; the tab and the Outlook pane can
 * render the same questions. Answers are checked one field at a time with the report schemas.
 */

/** How a question is answered. */
export type QuestionKind =
  | 'choice'
  | 'multiChoice'
  | 'shortText'
  | 'longText'
  | 'dateTime'
  | 'number'
  | 'list'
  | 'attachments';

/** One option of a choice question. */
export interface QuestionOption {
  value: string;
  label: LocalizedText;
}

/** One step of the flow: one SPEC field. */
export interface Question {
  /** The SPEC field id (dotted), also the Adaptive Card input id. */
  id: string;
  kind: QuestionKind;
  required: boolean;
  prompt: LocalizedText;
  help?: LocalizedText;
  options?: QuestionOption[];
  maxLength?: number;
  /** Free text that may hold names or numbers: scanned for personal data before it is kept. */
  scanForPersonalData?: boolean;
}

function options(set: keyof typeof optionLabels): QuestionOption[] {
  const labels: Record<string, LocalizedText> = optionLabels[set];
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}

function question(
  id: string,
  kind: QuestionKind,
  required: boolean,
  extra: Partial<Question> = {},
): Question {
  const base: Question = { id, kind, required, prompt: labelOf(id) };
  if (kind === 'shortText') base.maxLength = SHORT_TEXT_MAX;
  if (kind === 'longText') {
    base.maxLength = LONG_TEXT_MAX;
    base.scanForPersonalData = true;
  }
  return { ...base, ...extra };
}

const initialsHelp: LocalizedText = {
  sv: 'Skriv vad som hände. Använd initialer i stället för namn (t.ex. coach J.Q.) och skriv aldrig personnummer.',
  en: 'Describe what happened. Use initials instead of names (e.g. coach J.Q.) and never write personal identity numbers.',
};
const dateTimeHelp: LocalizedText = {
  sv: 'Ange datum och klockslag, t.ex. 2026-02-01 14:00.',
  en: 'Give the date and time, e.g. 2026-02-01 14:00.',
};
const attachmentsHelp: LocalizedText = {
  sv: 'Skicka filer eller bilder här i chatten (högst 10 MB per fil: pdf, bilder, Word, Excel, text), eller hoppa över.',
  en: 'Send files or pictures here in the chat (at most 10 MB each: PDF, images, Word, Excel, text), or skip.',
};

const attachmentsQuestion = question('attachments', 'attachments', false, {
  help: attachmentsHelp,
});

/** The questions of each deviation type, in the order they are asked. */
export const questionFlows: Record<DeviationType, Question[]> = {
  lexSarah: [
    question('kind', 'choice', true, { options: options('kind') }),
    question('unit', 'shortText', true, {
      help: { sv: 'T.ex. Jobbtorg Kista, Jobbstart.', en: 'E.g. Jobbtorg Kista, Jobbstart.' },
    }),
    question('area', 'choice', true, { options: options('area') }),
    question('areaDetail', 'shortText', false, {
      help: {
        sv: 'T.ex. hemtjänst, boendestöd, HVB, sysselsättning, arbetsförmågeprövning.',
        en: 'E.g. home care, housing support, residential care, employment, work ability assessment.',
      },
    }),
    question('noticedAt', 'dateTime', true, { help: dateTimeHelp }),
    question('affectedPerson.gender', 'choice', true, { options: options('gender') }),
    question('affectedPerson.protectedIdentity', 'choice', true, {
      options: options('yesNoUnknown'),
      help: {
        sv: 'Skyddade personuppgifter (sekretessmarkering eller skyddad folkbokföring) gör att bara ett fåtal får se ärendet.',
        en: 'A protected identity means that only a few named people may see the case.',
      },
    }),
    question('description', 'longText', true, { help: initialsHelp }),
    question('consequences', 'longText', true),
    question('immediateActions', 'longText', true, {
      help: { sv: 'Skriv ”inga” om inget gjordes.', en: 'Write "none" if nothing was done.' },
    }),
    question('otherInfo', 'longText', false),
    attachmentsQuestion,
  ],
  personalDataBreach: [
    question('discoveredAt', 'dateTime', true, { help: dateTimeHelp }),
    question('occurredAt', 'dateTime', false, {
      help: { sv: 'Hoppa över om det inte är känt.', en: 'Skip if it is not known.' },
    }),
    question('category', 'choice', true, { options: options('breachCategory') }),
    question('description', 'longText', true, {
      help: initialsHelp,
      prompt: labelFor('personalDataBreach', 'description'),
    }),
    question('dataSubjects.categories', 'list', true, {
      help: {
        sv: 'Skriv grupperna åtskilda med komma, t.ex. aspiranter, medarbetare.',
        en: 'Write the groups separated by commas, e.g. participants, staff.',
      },
    }),
    question('dataSubjects.approxCount', 'number', false),
    question('dataCategories', 'multiChoice', true, { options: options('dataCategory') }),
    question('likelyConsequences', 'longText', false),
    question('measuresTaken', 'longText', false, {
      help: {
        sv: 'T.ex. bett mottagaren radera mejlet, polisanmälan, hittegodsavdelningen.',
        en: 'E.g. asked the recipient to delete the e-mail, police report, lost property office.',
      },
    }),
    question('measuresPlanned', 'longText', false),
    question('unit', 'shortText', false),
    attachmentsQuestion,
  ],
  securityIncident: [
    question('discoveredAt', 'dateTime', true, { help: dateTimeHelp }),
    question('occurredAt', 'dateTime', false, {
      help: { sv: 'Hoppa över om det inte är känt.', en: 'Skip if it is not known.' },
    }),
    question('category', 'choice', true, { options: options('incidentCategory') }),
    question('systems', 'shortText', true),
    question('description', 'longText', true, {
      help: initialsHelp,
      prompt: labelFor('securityIncident', 'description'),
    }),
    question('significant', 'choice', true, {
      options: options('yesNoUnsure'),
      help: {
        sv: 'Betydande: allvarliga störningar i tjänster eller ekonomisk skada, eller påverkan på andra. ”Ja” startar cybersäkerhetslagens frister.',
        en: 'Significant: severe disruption of services or financial loss, or impact on others. "Yes" starts the Cybersecurity Act deadlines.',
      },
    }),
    question('personalDataInvolved', 'choice', true, { options: options('yesNoUnsure') }),
    question('measuresTaken', 'longText', false),
    question('measuresPlanned', 'longText', false),
    question('unit', 'shortText', false),
    attachmentsQuestion,
  ],
};

/** The question for a field id of a type, or undefined. */
export function findQuestion(type: DeviationType, id: string): Question | undefined {
  return questionFlows[type].find((q) => q.id === id);
}

const answerSchemas = {
  lexSarah: lexSarahAnswersSchema,
  personalDataBreach: breachAnswersSchema,
  securityIncident: incidentAnswersSchema,
} as const;

/** The zod schema of one field, found by walking the dotted path through the answers' objects. */
export function fieldSchema(type: DeviationType, id: string): z.ZodType | undefined {
  let schema: z.ZodType = answerSchemas[type];
  for (const segment of id.split('.')) {
    let inner: z.ZodType = schema;
    while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) {
      inner = inner.unwrap() as z.ZodType;
    }
    if (!(inner instanceof z.ZodObject)) return undefined;
    const shape = inner.shape as Record<string, z.ZodType | undefined>;
    const next = Object.hasOwn(shape, segment) ? shape[segment] : undefined;
    if (next === undefined) return undefined;
    schema = next;
  }
  return schema;
}

/** Answers as collected so far: SPEC field ids (dotted) to typed values. */
export type Answers = Record<string, unknown>;

/** The outcome of reading one answer. */
export type AnswerResult = { ok: true; value: unknown } | { ok: false; issues: FieldIssue[] };

const STOCKHOLM = 'Europe/Stockholm';

/**
 * Reads a date and time as people write it: ISO with offset, or `2026-02-01 14:00`,
 * `2026-02-01T14.00`, `1/2 14:00` (this year), with a separate time part if the card had one.
 * Wall-clock times are Stockholm time.
 */
export function parseLocalDateTime(text: string, now: Date, timePart?: string): string | null {
  const trimmed = text.trim();
  const iso = DateTime.fromISO(trimmed, { setZone: true });
  if (iso.isValid && /[zZ]|[+-]\d\d:?\d\d$/.test(trimmed))
    return iso.toISO({ suppressMilliseconds: true });
  const combined = timePart ? `${trimmed} ${timePart.trim()}` : trimmed;
  const match =
    /^(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})\/(\d{1,2})(?:\s+(\d{4}))?)(?:[T\s,]+(?:kl\.?\s*)?(\d{1,2})[:.](\d{2}))?$/i.exec(
      combined,
    );
  if (!match) return null;
  const yearGiven = match[1] ?? match[6];
  const thisYear = DateTime.fromJSDate(now).setZone(STOCKHOLM).year;
  const month = Number(match[2] ?? match[5]);
  const day = Number(match[3] ?? match[4]);
  const hour = match[7] === undefined ? 0 : Number(match[7]);
  const minute = match[8] === undefined ? 0 : Number(match[8]);
  let local = DateTime.fromObject(
    { year: yearGiven === undefined ? thisYear : Number(yearGiven), month, day, hour, minute },
    { zone: STOCKHOLM },
  );
  // "28/12" typed on 3 January means the December that just passed, not one in the future.
  if (yearGiven === undefined && local.toMillis() > now.getTime())
    local = local.minus({ years: 1 });
  if (!local.isValid || local.hour !== hour) return null;
  return local.toISO({ suppressMilliseconds: true });
}

function issue(id: string, message: LocalizedText): AnswerResult {
  const label = labelOf(id);
  return {
    ok: false,
    issues: [
      {
        field: id,
        message: { sv: `${label.sv}: ${message.sv}`, en: `${label.en}: ${message.en}` },
      },
    ],
  };
}

/** Text split into trimmed parts, an array of texts trimmed, or null for anything else. */
function splitParts(value: unknown, separator: RegExp): string[] | null {
  if (typeof value === 'string') return value.split(separator).map((part) => part.trim());
  if (Array.isArray(value) && value.every((part): part is string => typeof part === 'string')) {
    return value.map((part) => part.trim());
  }
  return null;
}

function matchOption(question: Question, text: string): string | undefined {
  const wanted = text.trim().toLocaleLowerCase('sv');
  return question.options?.find(
    (option) =>
      option.value.toLocaleLowerCase('sv') === wanted ||
      option.label.sv.toLocaleLowerCase('sv') === wanted ||
      option.label.en.toLocaleLowerCase('sv') === wanted,
  )?.value;
}

/**
 * Turns what a person sent for a question — a card value, or a typed message — into the typed
 * value the report schema expects, and checks it with that schema. Empty means "no answer":
 * allowed for optional questions only. Times may not lie in the future.
 */
export function readAnswer(
  type: DeviationType,
  question: Question,
  raw: unknown,
  now: Date,
  extra: { timePart?: string } = {},
): AnswerResult {
  const text = typeof raw === 'string' ? raw.trim() : raw;
  if (
    text === undefined ||
    text === null ||
    text === '' ||
    (Array.isArray(text) && text.length === 0)
  ) {
    return question.required
      ? issue(question.id, { sv: 'Frågan måste besvaras.', en: 'This question must be answered.' })
      : { ok: true, value: undefined };
  }
  let value: unknown = text;
  switch (question.kind) {
    case 'choice':
      if (typeof text !== 'string') break;
      value = matchOption(question, text) ?? text;
      break;
    case 'multiChoice': {
      // A card sends "a,b"; anything that is not text is left for the schema to refuse.
      const parts = splitParts(text, /[,;]/);
      if (parts === null) break;
      value = parts
        .map((part) => matchOption(question, part) ?? part)
        .filter((part) => part !== '');
      break;
    }
    case 'list': {
      const parts = splitParts(text, /[,;\n]/);
      if (parts === null) break;
      value = parts.filter((part) => part !== '');
      break;
    }
    case 'number':
      if (typeof text === 'string') {
        const number = Number(text.replace(/\s/g, '').replace(',', '.'));
        if (!Number.isFinite(number)) {
          return issue(question.id, { sv: 'Ange ett tal, t.ex. 4.', en: 'Give a number, e.g. 4.' });
        }
        value = number;
      }
      break;
    case 'dateTime': {
      if (typeof text !== 'string') break;
      const parsed = parseLocalDateTime(text, now, extra.timePart);
      if (parsed === null) {
        return issue(question.id, {
          sv: 'Datumet kunde inte läsas. Skriv t.ex. 2026-02-01 14:00.',
          en: 'The date could not be read. Write e.g. 2026-02-01 14:00.',
        });
      }
      if (Date.parse(parsed) > now.getTime() + 60_000) {
        return issue(question.id, {
          sv: 'Tidpunkten kan inte ligga i framtiden.',
          en: 'The time cannot be in the future.',
        });
      }
      value = parsed;
      break;
    }
    case 'shortText':
    case 'longText':
    case 'attachments':
      break;
  }
  const schema = fieldSchema(type, question.id);
  if (schema === undefined) return { ok: true, value };
  const result = schema.safeParse(value);
  if (!result.success) {
    // Issues are relative to the field; root them at its id so they name it like any other issue.
    const path = question.id.split('.');
    const rooted = result.error.issues.map((found) => ({
      ...found,
      path: [...path, ...found.path],
    }));
    return { ok: false, issues: toFieldIssues(rooted, '', setAnswer({}, question.id, value)) };
  }
  return { ok: true, value: result.data };
}

/** Sets a dotted field id in a nested answers object, returning a new object. */
export function setAnswer(answers: Answers, id: string, value: unknown): Answers {
  const [head, ...rest] = id.split('.');
  if (head === undefined) return answers;
  if (rest.length === 0) {
    const others = Object.entries(answers).filter(([key]) => key !== head);
    return Object.fromEntries(value === undefined ? others : [...others, [head, value]]);
  }
  const child = answers[head];
  const nested =
    typeof child === 'object' && child !== null && !Array.isArray(child) ? (child as Answers) : {};
  return { ...answers, [head]: setAnswer(nested, rest.join('.'), value) };
}

/** Reads a dotted field id from nested answers. */
export function getAnswer(answers: Answers, id: string): unknown {
  let current: unknown = answers;
  for (const segment of id.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment))
      return undefined;
    current = (current as Answers)[segment];
  }
  return current;
}

/** The first question of the flow still without an answer (skipped optional ones count as answered). */
export function nextQuestion(
  type: DeviationType,
  answered: ReadonlySet<string>,
): Question | undefined {
  return questionFlows[type].find((q) => !answered.has(q.id));
}

/** The questions of the "vet inte" triage, each a yes/no. */
export const triageQuestions = [
  {
    id: 'triage.personalData',
    prompt: {
      sv: 'Har personuppgifter hamnat hos fel person, försvunnit eller kunnat ses av någon som inte borde?',
      en: 'Did personal data reach the wrong person, go missing, or become visible to someone who should not see it?',
    },
  },
  {
    id: 'triage.socialServices',
    prompt: {
      sv: 'Gäller det stöd, vård eller service till en enskild inom socialtjänsten eller LSS, som brustit eller riskerat att brista?',
      en: 'Does it concern support, care or services to an individual in social services or LSS that failed or risked failing?',
    },
  },
  {
    id: 'triage.security',
    prompt: {
      sv: 'Gäller det it-system, utrustning, konton eller information i övrigt (t.ex. borttappad telefon, nätfiske, fel behörigheter)?',
      en: 'Does it concern IT systems, equipment, accounts or other information (e.g. a lost phone, phishing, wrong access rights)?',
    },
  },
] as const;

/** The type chosen by triage, why, and a second type the same event may also need. */
export interface TriageOutcome {
  type: DeviationType;
  reason: LocalizedText;
  alsoConsider?: DeviationType;
}

/** Picks the type from the triage answers (true = yes), explaining why. */
export function triage(answers: {
  personalData: boolean;
  socialServices: boolean;
  security: boolean;
}): TriageOutcome {
  if (answers.personalData) {
    return {
      type: 'personalDataBreach',
      reason: {
        sv: 'Personuppgifter har hamnat fel eller kunnat ses av obehöriga: det är en personuppgiftsincident, och IMY kan behöva underrättas inom 72 timmar.',
        en: 'Personal data went astray or was visible to others: that is a personal data breach, and IMY may need to be told within 72 hours.',
      },
      ...(answers.socialServices ? { alsoConsider: 'lexSarah' as const } : {}),
    };
  }
  if (answers.socialServices) {
    return {
      type: 'lexSarah',
      reason: {
        sv: 'Det gäller insatser till en enskild som brustit eller riskerat att brista: det rapporteras enligt lex Sarah.',
        en: 'It concerns services to an individual that failed or risked failing: that is reported under lex Sarah.',
      },
    };
  }
  return {
    type: 'securityIncident',
    reason: answers.security
      ? {
          sv: 'Det gäller system, utrustning eller information: det är en informationssäkerhetsincident.',
          en: 'It concerns systems, equipment or information: that is an information security incident.',
        }
      : {
          sv: 'Det passar inte lex Sarah eller personuppgiftsincident; vi börjar som informationssäkerhetsincident, och den som tar emot rapporten kan ändra typen.',
          en: 'It fits neither lex Sarah nor a personal data breach; we start as a security incident, and the person who receives the report can change the type.',
        },
  };
}
