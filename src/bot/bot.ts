import {
  TeamsActivityHandler,
  TurnContext,
  type ConversationReference,
  type ConversationState,
  type StatePropertyAccessor,
  type UserState,
} from 'botbuilder';
import {
  DialogSet,
  DialogTurnStatus,
  type DialogContext,
  type DialogState,
} from 'botbuilder-dialogs';
import type { Actor } from '../core/access.js';
import type { CaseRecord } from '../core/cases.js';
import { localeFrom, type Locale } from '../core/i18n.js';
import type { Logger } from '../core/logger.js';
import type { CaseService } from '../core/service.js';
import type { StateStore } from '../core/stateStore.js';
import {
  cardAttachment,
  draftFoundCard,
  helpCard,
  myReportsCard,
  welcomeCard,
  type CardAction,
} from './cards.js';
import {
  draftIdOfToken,
  readCardSubmit,
  REPORT_DIALOG,
  ReportDialog,
  typedText,
  type DraftFiles,
  type ReportDraft,
} from './reportDialog.js';
import { downloadFile, incomingFiles, type DownloadResult } from './attachments.js';
import { botStrings, type BotStrings } from './strings.js';
import {
  attachmentRules,
  AttachmentRefusedError,
  type AttachmentRefusal,
} from '../core/attachments.js';

/** A filing remembered per user, so a second press of an old "Skicka" says where the report went. */
interface FiledDraft {
  caseId: string;
  registrationNumber: string | null;
}

/** What the bot is built from; the composition root passes the real parts, tests their own. */
export interface AvvikelseBotOptions {
  cases: CaseService;
  conversationState: ConversationState;
  userState: UserState;
  /** Keeps each user's conversation reference, for proactive notifications. */
  references: StateStore;
  logger: Logger;
  publicUrl: string;
  /** The bot's own token for inline images Teams keeps behind it (none in local mode). */
  botToken?: (context: TurnContext) => Promise<string | undefined>;
  /** How files are fetched (tests give their own). */
  fetchImpl?: typeof fetch;
  /** Local mode: demo users may be taken on in chat with "byt användare <id>". */
  demoUsers?: readonly Actor[];
  now?: () => Date;
}

/** Typed commands outside a report, Swedish and English. */
const commands: Record<string, CardAction> = {
  'ny rapport': 'newReport',
  ny: 'newReport',
  rapportera: 'newReport',
  'new report': 'newReport',
  new: 'newReport',
  'mina rapporter': 'myReports',
  'my reports': 'myReports',
  hjälp: 'help',
  help: 'help',
};

/** Why a file was refused, in the user's words. */
function refusalText(strings: BotStrings, refusal: AttachmentRefusal): string {
  switch (refusal) {
    case 'tooBig':
      return strings.errors.attachmentTooBig();
    case 'tooMany':
      return strings.errors.tooManyAttachments();
    case 'wrongType':
    case 'empty':
      return strings.errors.attachmentWrongType;
  }
}

/** Typed words that choose the language the bot answers in. */
const languageCommands: Record<string, string> = {
  svenska: 'sv-SE',
  'på svenska': 'sv-SE',
  swedish: 'sv-SE',
  english: 'en-US',
  engelska: 'en-US',
  'in english': 'en-US',
  'på engelska': 'en-US',
};

/** The key a user's conversation reference is kept under. */
export function referenceKey(actorId: string): string {
  return `references/${actorId}`;
}

/** Reads a typed message as a command word: lower case, no mention, no trailing punctuation. */
function commandOf(context: TurnContext): string {
  // Removes an @mention of the bot from activity.text in place (in channels the bot is mentioned).
  TurnContext.removeRecipientMention(context.activity);
  return typedText(context.activity)
    .toLocaleLowerCase('sv')
    .replace(/[.!?]+$/, '');
}

/** A sender's display name; the schema says it is always there, the Playground may leave it out. */
function nameOf(from: { id: string; name?: string }): string {
  const name: string | undefined = from.name;
  return name ?? from.id;
}

/**
 * The Teams bot: a guided report in chat, "Mina rapporter", help, drafts that wait, and a
 * welcome on install. Business rules stay in the core; this class only talks.
 */
export class AvvikelseBot extends TeamsActivityHandler {
  private readonly dialogs: DialogSet;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly savedDraft: StatePropertyAccessor<ReportDraft | null>;
  private readonly filedDrafts: StatePropertyAccessor<Record<string, FiledDraft>>;
  private readonly actingAs: StatePropertyAccessor<string | null>;
  private readonly language: StatePropertyAccessor<string | null>;
  private readonly now: () => Date;

  constructor(private readonly options: AvvikelseBotOptions) {
    super();
    this.now = options.now ?? (() => new Date());
    this.dialogState = options.conversationState.createProperty<DialogState>('dialogState');
    this.actingAs = options.conversationState.createProperty<string | null>('actingAs');
    this.savedDraft = options.userState.createProperty<ReportDraft | null>('savedDraft');
    this.filedDrafts = options.userState.createProperty<Record<string, FiledDraft>>('filedDrafts');
    this.language = options.userState.createProperty<string | null>('language');
    this.dialogs = new DialogSet(this.dialogState);
    this.dialogs.add(
      new ReportDialog({
        cases: options.cases,
        now: this.now,
        localeOf: (activity) => localeFrom(activity.locale),
        actorOf: (context) => this.actorOf(context),
        caseUrl: (record) => this.caseUrl(record),
        onFiled: (dc, draft, record) => this.onFiled(dc, draft, record),
        saveDraft: async (dc, draft) => {
          await this.savedDraft.set(dc.context, draft);
        },
        files: this.draftFiles(),
      }),
    );

    this.onMessage(async (context, next) => {
      await this.rememberReference(context);
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const added = context.activity.membersAdded ?? [];
      if (added.some((member) => member.id !== context.activity.recipient.id)) {
        await this.rememberReference(context);
        await this.sendWelcome(context);
      }
      await next();
    });
  }

  /** Runs the turn, then saves conversation and user state (eTag-checked by the storage). */
  override async run(context: TurnContext): Promise<void> {
    // A language the user chose outranks the Teams client's (a Swede with an English client).
    const chosen = await this.language.get(context, null);
    if (chosen !== null) context.activity.locale = chosen;
    await super.run(context);
    await this.options.conversationState.saveChanges(context, false);
    await this.options.userState.saveChanges(context, false);
  }

  private locale(context: TurnContext): Locale {
    return localeFrom(context.activity.locale);
  }

  /** The person behind the turn: the Teams identity, or in local mode a demo user taken on. */
  async actorOf(context: TurnContext): Promise<Actor> {
    const acting = await this.actingAs.get(context, null);
    const demo =
      acting === null ? undefined : this.options.demoUsers?.find((user) => user.id === acting);
    if (demo) return demo;
    const from = context.activity.from;
    return {
      id: from.aadObjectId ?? from.id,
      name: nameOf(from),
      roles: ['reporter'],
      groups: [],
    };
  }

  /** Files for drafts: fetched from Teams, checked and kept by the core until the report is filed. */
  private draftFiles(): DraftFiles {
    return {
      receive: async (context, draft) => {
        const strings = botStrings(this.locale(context));
        const actor = await this.actorOf(context);
        let kept = 0;
        for (const file of incomingFiles(context.activity)) {
          let result: DownloadResult;
          try {
            result = await downloadFile(file, {
              maxBytes: attachmentRules.maxFileBytes,
              token: file.needsBotToken ? await this.options.botToken?.(context) : undefined,
              ...(this.options.fetchImpl ? { fetchImpl: this.options.fetchImpl } : {}),
            });
          } catch (error) {
            this.options.logger.warn({ err: error }, 'attachment download failed');
            result = { ok: false, reason: 'failed' };
          }
          if (!result.ok) {
            await context.sendActivity(
              result.reason === 'tooBig'
                ? strings.errors.attachmentTooBig()
                : strings.errors.attachmentDownloadFailed,
            );
            continue;
          }
          try {
            await this.options.cases.addDraftAttachment(actor, {
              idempotencyKey: draft.draftId,
              name: file.name,
              content: result.content,
            });
            kept += 1;
          } catch (error) {
            if (!(error instanceof AttachmentRefusedError)) throw error;
            await context.sendActivity(refusalText(strings, error.refusal));
          }
        }
        if (kept > 0) await context.sendActivity(strings.attachments.received(kept));
      },
      list: async (context, draft) => {
        const files = await this.options.cases.listDraftAttachments(
          await this.actorOf(context),
          draft.draftId,
        );
        return files.map((file) => ({
          documentId: file.id,
          name: file.name,
          mediaType: file.mediaType,
          size: file.size,
        }));
      },
      discard: async (context, draftId) => {
        await this.options.cases.discardDraftAttachments(await this.actorOf(context), draftId);
      },
    };
  }

  private caseUrl(record: CaseRecord): string {
    return `${this.options.publicUrl}/tab/#/cases/${record.id}`;
  }

  private async rememberReference(context: TurnContext): Promise<void> {
    const actor = await this.actorOf(context);
    const reference: Partial<ConversationReference> = TurnContext.getConversationReference(
      context.activity,
    );
    await this.options.references.writeState([{ key: referenceKey(actor.id), value: reference }]);
  }

  private async sendWelcome(context: TurnContext): Promise<void> {
    const token = `welcome.${String(this.now().getTime())}`;
    await context.sendActivity({
      attachments: [cardAttachment(welcomeCard(this.locale(context), token))],
    });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const strings = botStrings(this.locale(context));
    const dc = await this.dialogs.createContext(context);
    const submit = readCardSubmit(context.activity.value);
    const typed = commandOf(context);
    const command: CardAction | undefined =
      submit && ['newReport', 'myReports', 'help'].includes(submit.action)
        ? submit.action
        : commands[typed];

    const language = languageCommands[typed];
    if (language !== undefined && !submit) {
      await this.language.set(context, language);
      context.activity.locale = language;
      await context.sendActivity(botStrings(localeFrom(language)).languageChosen);
      if (dc.activeDialog) await dc.repromptDialog();
      return;
    }
    if (this.options.demoUsers && !submit) {
      const match = /^(?:byt användare|switch user)\s+(\S+)$/.exec(typed);
      if (match) {
        await this.switchUser(context, match[1] ?? '');
        return;
      }
    }
    if (command === 'newReport') {
      if (dc.activeDialog) {
        await context.sendActivity(strings.reportInProgress);
        await dc.repromptDialog();
        return;
      }
      await this.startReport(dc);
      return;
    }
    if (command === 'myReports') {
      await this.showMyReports(context);
      if (dc.activeDialog) await dc.repromptDialog();
      return;
    }
    if (command === 'help' && !dc.activeDialog) {
      await context.sendActivity({
        attachments: [cardAttachment(helpCard(this.locale(context), 'help'))],
      });
      return;
    }
    if (dc.activeDialog) {
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await this.startReport(dc);
      return;
    }
    if (submit) {
      await this.handleStrayCard(dc, submit.action, submit.token);
      return;
    }
    // A reporter who comes back to a paused report is offered it, whatever they write first.
    if (await this.savedDraft.get(context, null)) {
      await this.startReport(dc);
      return;
    }
    if (typed === '' && (context.activity.attachments?.length ?? 0) === 0) {
      await context.sendActivity(strings.errors.emptyMessage);
      return;
    }
    await context.sendActivity(strings.errors.unknownCommand);
  }

  /** A card pressed when no report is open: resume or discard a draft, or an old button. */
  private async handleStrayCard(
    dc: DialogContext,
    action: CardAction,
    token: string,
  ): Promise<void> {
    const strings = botStrings(this.locale(dc.context));
    const draft = await this.savedDraft.get(dc.context, null);
    if (action === 'resume' && draft) {
      await this.savedDraft.set(dc.context, null);
      await dc.beginDialog(REPORT_DIALOG, { draft });
      return;
    }
    if (action === 'discardDraft') {
      if (draft) await this.draftFiles().discard(dc.context, draft.draftId);
      await this.savedDraft.set(dc.context, null);
      await dc.beginDialog(REPORT_DIALOG);
      return;
    }
    if (action === 'submit') {
      const filed = (await this.filedDrafts.get(dc.context, {}))[draftIdOfToken(token)];
      if (filed) {
        await dc.context.sendActivity(
          strings.errors.alreadySubmitted(filed.registrationNumber ?? ''),
        );
        return;
      }
    }
    await dc.context.sendActivity(strings.errors.staleCard);
  }

  private async startReport(dc: DialogContext): Promise<void> {
    const draft = await this.savedDraft.get(dc.context, null);
    if (draft) {
      const token = `${draft.draftId}.saved`;
      await dc.context.sendActivity({
        attachments: [
          cardAttachment(
            draftFoundCard(this.locale(dc.context), token, {
              type: draft.type,
              answeredCount: draft.answered.length,
              savedAt: draft.savedAt ?? this.now().toISOString(),
            }),
          ),
        ],
      });
      return;
    }
    await dc.beginDialog(REPORT_DIALOG);
  }

  private async showMyReports(context: TurnContext): Promise<void> {
    const actor = await this.actorOf(context);
    const page = await this.options.cases.listCases(actor, {
      reporterId: actor.id,
      sort: 'receivedAt',
      direction: 'desc',
      limit: 10,
    });
    const rows = page.items.map(({ record }) => ({
      registrationNumber: record.registrationNumber,
      type: record.type,
      state: record.state,
      receivedAt: record.receivedAt ?? '',
      url: `${this.options.publicUrl}/tab/#/cases/${record.id}`,
    }));
    await context.sendActivity({
      attachments: [cardAttachment(myReportsCard(this.locale(context), rows))],
    });
  }

  private async switchUser(context: TurnContext, id: string): Promise<void> {
    const strings = botStrings(this.locale(context));
    const user = this.options.demoUsers?.find((candidate) => candidate.id === id);
    if (!user) {
      await context.sendActivity(
        strings.errors.unknownDemoUser(this.options.demoUsers?.map((u) => u.id) ?? []),
      );
      return;
    }
    await this.actingAs.set(context, user.id);
    await this.rememberReference(context);
    await context.sendActivity(strings.switchedUser(user.name));
  }

  /** Remembers where a draft went; the service tells the case's handlers, once. */
  private async onFiled(dc: DialogContext, draft: ReportDraft, record: CaseRecord): Promise<void> {
    const filed = await this.filedDrafts.get(dc.context, {});
    filed[draft.draftId] = { caseId: record.id, registrationNumber: record.registrationNumber };
    await this.filedDrafts.set(dc.context, filed);
  }
}
