import { randomUUID } from 'node:crypto';
import type { Activity, TurnContext } from 'botbuilder';
import {
  Dialog,
  type DialogContext,
  type DialogInstance,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import type { Actor } from '../core/access.js';
import type { CaseRecord } from '../core/cases.js';
import { DomainError } from '../core/errors.js';
import { deviationTypeLabels, deviationTypes, type DeviationType } from '../core/fields.js';
import { localeFrom, type Locale } from '../core/i18n.js';
import { findPersonalData, maskPersonalData, type PersonalDataKind } from '../core/personalData.js';
import {
  findQuestion,
  getAnswer,
  nextQuestion,
  questionFlows,
  readAnswer,
  setAnswer,
  triage,
  type Answers,
  type Question,
} from '../core/questionFlow.js';
import type { CaseService } from '../core/service.js';
import {
  cardActions,
  cardAttachment,
  type CardAction,
  helpCard,
  personalDataCard,
  questionCard,
  submittedCard,
  summaryCard,
  triageCard,
  typeChoiceCard,
} from './cards.js';
import { incomingFiles } from './attachments.js';
import { bothLanguages, botStrings } from './strings.js';

/** Dialog id of the guided report. */
export const REPORT_DIALOG = 'avvikelse.report';

/** Where the guided report is. */
export type ReportPhase = 'chooseType' | 'triage' | 'question' | 'personalData' | 'summary';

/** A report in progress: everything needed to continue it after a restart or a saved pause. */
export interface ReportDraft {
  draftId: string;
  type: DeviationType | null;
  phase: ReportPhase;
  answers: Answers;
  /** Fields answered or skipped, in the order asked (Back walks it backwards). */
  answered: string[];
  /** The field the current card asks for. */
  current: string | null;
  /** Came from the summary to change one answer: go back there after. */
  editing: boolean;
  /** Free text with personal data found in it, waiting for the reporter's choice. */
  pending?: { field: string; value: string };
  /** The token of the card last shown; a submit with another token is from a stale card. */
  token: string;
  cardCount: number;
  savedAt?: string;
}

/** A card submit as the bot reads it. */
export interface CardSubmit {
  action: CardAction;
  token: string;
  field?: string;
  type?: string;
  /** The input values: SPEC field ids to what the card's inputs held. */
  inputs: Record<string, unknown>;
}

/** What the dialog needs from the rest of the bot. */
export interface ReportDialogDeps {
  cases: CaseService;
  now: () => Date;
  localeOf: (activity: Partial<Activity>) => Locale;
  actorOf: (context: TurnContext) => Promise<Actor>;
  caseUrl: (record: CaseRecord) => string;
  /**
   * Called after a case is filed: remember the filing and, if this call created the case (not a
   * second press of Skicka racing the first), notify the routed group.
   */
  onFiled: (
    dc: DialogContext,
    draft: ReportDraft,
    record: CaseRecord,
    created: boolean,
  ) => Promise<void>;
  /** Keeps a draft the reporter paused, to offer it next time. */
  saveDraft: (dc: DialogContext, draft: ReportDraft | null) => Promise<void>;
  /** The files sent for a draft. */
  files: DraftFiles;
}

/** A file kept for a draft, as the summary and the report list it. */
export interface DraftFile {
  documentId: string;
  name: string;
  mediaType: string;
  size: number;
}

/** Files sent in the chat for a report not yet filed. */
export interface DraftFiles {
  /** Takes the files of the current message for the draft, telling the user what was kept. */
  receive(context: TurnContext, draft: ReportDraft): Promise<void>;
  /** The files kept for the draft so far. */
  list(context: TurnContext, draft: ReportDraft): Promise<DraftFile[]>;
  /** Forgets the files of a draft that will not be filed. */
  discard(context: TurnContext, draftId: string): Promise<void>;
}

/** Typed words that act like buttons while a report is open. */
const typedCommands: Record<string, CardAction> = {
  avbryt: 'cancel',
  cancel: 'cancel',
  tillbaka: 'back',
  back: 'back',
  'hoppa över': 'skip',
  skip: 'skip',
  hjälp: 'help',
  help: 'help',
  spara: 'saveForLater',
  'spara och fortsätt senare': 'saveForLater',
  save: 'saveForLater',
};

/** What the dialog keeps on its stack entry. */
interface DraftHolder {
  draft: ReportDraft;
}

function dialogState(dc: DialogContext): DraftHolder {
  const instance = dc.activeDialog;
  if (instance === undefined) throw new Error('The report dialog ran without an active dialog.');
  return instance.state as DraftHolder;
}

/** Typed text of a message; botbuilder types it as always present, Teams may omit it. */
export function typedText(activity: Partial<Activity>): string {
  const text: string | undefined = activity.text;
  return (text ?? '').trim();
}

/** Reads `activity.value` as a card submit, or null when it is not one of ours. */
export function readCardSubmit(value: unknown): CardSubmit | null {
  if (typeof value !== 'object' || value === null) return null;
  const { avvikelse, ...inputs } = value as Record<string, unknown>;
  if (typeof avvikelse !== 'object' || avvikelse === null) return null;
  const data = avvikelse as Record<string, unknown>;
  const action = data.action;
  if (typeof action !== 'string' || !(cardActions as readonly string[]).includes(action))
    return null;
  if (typeof data.token !== 'string') return null;
  return {
    action: action as CardAction,
    token: data.token,
    ...(typeof data.field === 'string' ? { field: data.field } : {}),
    ...(typeof data.type === 'string' ? { type: data.type } : {}),
    inputs,
  };
}

/** The draft id a card token belongs to (tokens are `<draftId>.<n>`). */
export function draftIdOfToken(token: string): string {
  return token.split('.')[0] ?? '';
}

function countByKind(text: string): Partial<Record<PersonalDataKind, number>> {
  const counts: Partial<Record<PersonalDataKind, number>> = {};
  for (const finding of findPersonalData(text))
    counts[finding.kind] = (counts[finding.kind] ?? 0) + 1;
  return counts;
}

/**
 * The guided report as a botbuilder dialog. Its whole state is the draft, kept on the dialog
 * stack in conversation state, so a restart of the server loses nothing. Every card it shows
 * carries a fresh token; a submit from an older card is answered, never applied.
 */
export class ReportDialog extends Dialog<{ draft?: ReportDraft; type?: DeviationType }> {
  constructor(private readonly deps: ReportDialogDeps) {
    super(REPORT_DIALOG);
  }

  /** Starts a new report, or continues a saved draft. */
  override async beginDialog(
    dc: DialogContext,
    options?: { draft?: ReportDraft; type?: DeviationType },
  ): Promise<DialogTurnResult> {
    const draft: ReportDraft = options?.draft ?? {
      draftId: randomUUID(),
      type: null,
      phase: 'chooseType',
      answers: {},
      answered: [],
      current: null,
      editing: false,
      token: '',
      cardCount: 0,
    };
    dialogState(dc).draft = draft;
    if (!options?.draft && options?.type) {
      draft.type = options.type;
      return this.askNext(dc, draft);
    }
    return this.show(dc.context, draft);
  }

  /** Handles the reporter's next message or card submit. */
  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const draft = dialogState(dc).draft;
    const strings = botStrings(this.deps.localeOf(dc.context.activity));
    const submit = readCardSubmit(dc.context.activity.value);
    const text = typedText(dc.context.activity);

    if (submit === null && incomingFiles(dc.context.activity).length > 0) {
      const asking = this.currentQuestion(draft);
      if (draft.phase === 'question' && asking?.kind === 'attachments') {
        await this.deps.files.receive(dc.context, draft);
        const files = await this.deps.files.list(dc.context, draft);
        draft.answers = setAnswer(
          draft.answers,
          'attachments',
          files.length > 0 ? files : undefined,
        );
      } else {
        await dc.context.sendActivity(strings.errors.attachmentsNotNow);
      }
      return this.show(dc.context, draft);
    }

    if (
      submit === null &&
      dc.context.activity.value !== undefined &&
      dc.context.activity.value !== null
    ) {
      await dc.context.sendActivity(strings.errors.tamperedCard);
      return this.show(dc.context, draft);
    }
    if (submit !== null && submit.token !== draft.token) {
      await dc.context.sendActivity(strings.errors.staleCard);
      return this.show(dc.context, draft);
    }
    const action: CardAction | undefined =
      submit?.action ?? typedCommands[text.toLocaleLowerCase('sv').replace(/[.!]+$/, '')];

    switch (action) {
      case 'cancel':
        await this.deps.files.discard(dc.context, draft.draftId);
        await this.deps.saveDraft(dc, null);
        await dc.context.sendActivity(strings.cancelled);
        return dc.endDialog();
      case 'saveForLater':
        draft.savedAt = this.deps.now().toISOString();
        await this.deps.saveDraft(dc, draft);
        await dc.context.sendActivity(strings.draft.saved);
        return dc.endDialog();
      case 'help':
        await dc.context.sendActivity({
          attachments: [cardAttachment(helpCard(this.locale(dc), this.nextToken(draft)))],
        });
        return this.show(dc.context, draft);
      case 'back':
        return this.back(dc, draft);
      case 'chooseType':
        return this.chooseType(dc, draft, submit?.type);
      case 'triage':
        return this.answerTriage(dc, draft, submit?.inputs ?? {});
      case 'skip':
        return this.skip(dc, draft);
      case 'useMasked':
      case 'keepOriginal':
        return this.resolvePersonalData(dc, draft, action);
      case 'edit':
        return this.edit(dc, draft, submit?.field);
      case 'submit':
        return this.submit(dc, draft);
      case 'answer':
        return this.answer(dc, draft, submit);
      case 'resume':
      case 'discardDraft':
      case 'newReport':
      case 'myReports':
        return this.show(dc.context, draft);
      case undefined:
        if (text === '' && (dc.context.activity.attachments?.length ?? 0) === 0) {
          await dc.context.sendActivity(strings.errors.emptyMessage);
          return this.show(dc.context, draft);
        }
        return this.answer(dc, draft, null);
    }
  }

  private locale(dc: DialogContext): Locale {
    return this.deps.localeOf(dc.context.activity);
  }

  private nextToken(draft: ReportDraft): string {
    draft.cardCount += 1;
    draft.token = `${draft.draftId}.${String(draft.cardCount)}`;
    return draft.token;
  }

  /** Shows the card of the draft's current phase. */
  private async show(
    context: TurnContext,
    draft: ReportDraft,
    error?: { sv: string; en: string },
  ): Promise<DialogTurnResult> {
    const locale = localeFrom(context.activity.locale);
    const token = this.nextToken(draft);
    let card: Record<string, unknown>;
    switch (draft.phase) {
      case 'chooseType':
        card = typeChoiceCard(locale, token);
        break;
      case 'triage':
        card = triageCard(locale, token);
        break;
      case 'question': {
        const question = this.currentQuestion(draft);
        if (!question) {
          this.advance(draft);
          return this.show(context, draft);
        }
        const questions = questionFlows[draft.type ?? 'lexSarah'];
        card = questionCard({
          locale,
          token,
          type: draft.type ?? 'lexSarah',
          question,
          stepNumber: questions.indexOf(question) + 1,
          stepCount: questions.length,
          currentValue: getAnswer(draft.answers, question.id),
          ...(error ? { error } : {}),
          canGoBack: draft.answered.length > 0 || draft.editing,
        });
        break;
      }
      case 'personalData': {
        const pending = draft.pending;
        if (!pending) {
          draft.phase = 'question';
          return this.show(context, draft);
        }
        card = personalDataCard({
          locale,
          token,
          field: pending.field,
          counts: countByKind(pending.value),
          maskedText: maskPersonalData(pending.value),
        });
        break;
      }
      case 'summary': {
        const actor = await this.deps.actorOf(context);
        const type = draft.type ?? 'lexSarah';
        card = summaryCard({
          locale,
          token,
          type,
          answers: draft.answers,
          questions: questionFlows[type],
          reporter: actor.title ? { name: actor.name, title: actor.title } : { name: actor.name },
          protectedIdentity:
            getAnswer(draft.answers, 'affectedPerson.protectedIdentity') === 'yes' ||
            (Array.isArray(draft.answers.dataCategories) &&
              draft.answers.dataCategories.includes('protectedIdentity')),
          ...(error ? { error } : {}),
        });
        break;
      }
    }
    await context.sendActivity({ attachments: [cardAttachment(card)] });
    return Dialog.EndOfTurn;
  }

  /** Shows the current card again (after help, "Mina rapporter" or "ny rapport" mid-report). */
  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const draft = (instance.state as Partial<DraftHolder>).draft;
    if (draft) await this.show(context, draft);
  }

  private currentQuestion(draft: ReportDraft): Question | undefined {
    if (draft.type === null || draft.current === null) return undefined;
    return findQuestion(draft.type, draft.current);
  }

  /** Moves the draft to what comes next: the type, the next unanswered question, or the summary. */
  private advance(draft: ReportDraft): void {
    if (draft.type === null) {
      draft.phase = 'chooseType';
      draft.current = null;
      return;
    }
    const question = draft.editing ? undefined : nextQuestion(draft.type, new Set(draft.answered));
    draft.editing = false;
    if (!question) {
      draft.phase = 'summary';
      draft.current = null;
      return;
    }
    draft.phase = 'question';
    draft.current = question.id;
  }

  private async askNext(dc: DialogContext, draft: ReportDraft): Promise<DialogTurnResult> {
    this.advance(draft);
    return this.show(dc.context, draft);
  }

  private async chooseType(
    dc: DialogContext,
    draft: ReportDraft,
    type: string | undefined,
  ): Promise<DialogTurnResult> {
    if (type === 'unsure') {
      draft.phase = 'triage';
      return this.show(dc.context, draft);
    }
    if (!(deviationTypes as readonly string[]).includes(type ?? '')) {
      await dc.context.sendActivity(botStrings(this.locale(dc)).errors.tamperedCard);
      return this.show(dc.context, draft);
    }
    draft.type = type as DeviationType;
    return this.askNext(dc, draft);
  }

  private async answerTriage(
    dc: DialogContext,
    draft: ReportDraft,
    inputs: Record<string, unknown>,
  ): Promise<DialogTurnResult> {
    const strings = botStrings(this.locale(dc));
    const yes = (id: string): boolean | null => {
      const value = inputs[id];
      return value === 'yes' ? true : value === 'no' ? false : null;
    };
    const personalData = yes('triage.personalData');
    const socialServices = yes('triage.socialServices');
    const security = yes('triage.security');
    if (personalData === null || socialServices === null || security === null) {
      await dc.context.sendActivity(strings.errors.triageIncomplete);
      return this.show(dc.context, draft);
    }
    const outcome = triage({ personalData, socialServices, security });
    draft.type = outcome.type;
    const locale = this.locale(dc);
    await dc.context.sendActivity(
      strings.triage.result(deviationTypeLabels[outcome.type][locale], outcome.reason[locale]),
    );
    if (outcome.alsoConsider) {
      await dc.context.sendActivity(
        strings.triage.alsoConsider(deviationTypeLabels[outcome.alsoConsider][locale]),
      );
    }
    return this.askNext(dc, draft);
  }

  private async answer(
    dc: DialogContext,
    draft: ReportDraft,
    submit: CardSubmit | null,
  ): Promise<DialogTurnResult> {
    const strings = botStrings(this.locale(dc));
    const question = this.currentQuestion(draft);
    if (draft.phase !== 'question' || !question || draft.type === null) {
      await dc.context.sendActivity(strings.errors.notNow);
      return this.show(dc.context, draft);
    }
    if (question.kind === 'attachments') {
      // "Klar": the files are those the store kept for this draft, whatever the card said.
      const files = await this.deps.files.list(dc.context, draft);
      return this.markAnswered(dc, draft, question, files.length > 0 ? files : undefined);
    }
    let raw: unknown;
    let timePart: string | undefined;
    if (submit) {
      const allowed = new Set([question.id, `${question.id}.time`]);
      const unknown = Object.keys(submit.inputs).filter((key) => !allowed.has(key));
      if (unknown.length > 0) {
        await dc.context.sendActivity(strings.errors.tamperedCard);
        return this.show(dc.context, draft);
      }
      raw = submit.inputs[question.id];
      const time = submit.inputs[`${question.id}.time`];
      timePart = typeof time === 'string' && time !== '' ? time : undefined;
    } else {
      raw = typedText(dc.context.activity);
    }
    const result = readAnswer(
      draft.type,
      question,
      raw,
      this.deps.now(),
      timePart ? { timePart } : {},
    );
    if (!result.ok) {
      const first = result.issues[0];
      return this.show(dc.context, draft, first ? first.message : undefined);
    }
    if (
      question.scanForPersonalData &&
      typeof result.value === 'string' &&
      findPersonalData(result.value).length > 0
    ) {
      draft.pending = { field: question.id, value: result.value };
      draft.phase = 'personalData';
      return this.show(dc.context, draft);
    }
    return this.markAnswered(dc, draft, question, result.value);
  }

  private async markAnswered(
    dc: DialogContext,
    draft: ReportDraft,
    question: Question,
    value: unknown,
  ): Promise<DialogTurnResult> {
    draft.answers = setAnswer(draft.answers, question.id, value);
    if (!draft.answered.includes(question.id)) draft.answered.push(question.id);
    return this.askNext(dc, draft);
  }

  private async skip(dc: DialogContext, draft: ReportDraft): Promise<DialogTurnResult> {
    const question = this.currentQuestion(draft);
    if (draft.phase !== 'question' || !question) return this.show(dc.context, draft);
    if (question.required) {
      return this.show(
        dc.context,
        draft,
        bothLanguages((strings) => strings.errors.cannotSkip),
      );
    }
    return this.markAnswered(dc, draft, question, undefined);
  }

  private async back(dc: DialogContext, draft: ReportDraft): Promise<DialogTurnResult> {
    if (draft.phase === 'personalData') {
      // Back from the personal-data choice: write the same answer again.
      delete draft.pending;
      draft.phase = 'question';
      return this.show(dc.context, draft);
    }
    if (draft.editing) {
      draft.editing = false;
      draft.phase = 'summary';
      draft.current = null;
      return this.show(dc.context, draft);
    }
    const previous = draft.answered.pop();
    if (previous === undefined) {
      draft.type = null;
      draft.phase = 'chooseType';
      draft.current = null;
      return this.show(dc.context, draft);
    }
    draft.phase = 'question';
    draft.current = previous;
    return this.show(dc.context, draft);
  }

  private async resolvePersonalData(
    dc: DialogContext,
    draft: ReportDraft,
    action: 'useMasked' | 'keepOriginal',
  ): Promise<DialogTurnResult> {
    const pending = draft.pending;
    const question = pending && draft.type ? findQuestion(draft.type, pending.field) : undefined;
    if (!pending || !question) return this.show(dc.context, draft);
    delete draft.pending;
    draft.phase = 'question';
    const value = action === 'useMasked' ? maskPersonalData(pending.value) : pending.value;
    return this.markAnswered(dc, draft, question, value);
  }

  private async edit(
    dc: DialogContext,
    draft: ReportDraft,
    field: string | undefined,
  ): Promise<DialogTurnResult> {
    const question = field && draft.type ? findQuestion(draft.type, field) : undefined;
    if (!question) {
      await dc.context.sendActivity(botStrings(this.locale(dc)).errors.tamperedCard);
      return this.show(dc.context, draft);
    }
    // From the personal-data card, "edit" rewrites the same answer; from the summary, any answer.
    draft.editing = draft.phase === 'summary';
    delete draft.pending;
    draft.phase = 'question';
    draft.current = question.id;
    return this.show(dc.context, draft);
  }

  private async submit(dc: DialogContext, draft: ReportDraft): Promise<DialogTurnResult> {
    const locale = this.locale(dc);
    const strings = botStrings(locale);
    if (draft.phase !== 'summary' || draft.type === null) {
      await dc.context.sendActivity(strings.errors.notNow);
      return this.show(dc.context, draft);
    }
    const actor = await this.deps.actorOf(dc.context);
    await dc.context.sendActivity({ type: 'typing' });
    try {
      const { record, created } = await this.deps.cases.submitReport(actor, {
        report: { type: draft.type, answers: draft.answers },
        idempotencyKey: draft.draftId,
      });
      await this.deps.saveDraft(dc, null);
      await this.deps.onFiled(dc, draft, record, created);
      await dc.context.sendActivity({
        attachments: [
          cardAttachment(
            submittedCard({ locale, caseRecord: record, caseUrl: this.deps.caseUrl(record) }),
          ),
        ],
      });
      return await dc.endDialog({ caseId: record.id });
    } catch (error) {
      if (error instanceof DomainError && error.reason === 'validation') {
        return this.show(dc.context, draft, error.text);
      }
      throw error;
    }
  }
}
