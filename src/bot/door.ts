import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ShowTypingMiddleware,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../core/access.js';
import type { CaseRecord } from '../core/cases.js';
import { DomainError, ValidationError } from '../core/errors.js';
import { localeFrom } from '../core/i18n.js';
import type { Logger } from '../core/logger.js';
import type { CaseService } from '../core/service.js';
import type { StateStore } from '../core/stateStore.js';
import type { NewCaseNotifier } from '../core/ports.js';
import { AvvikelseBot, referenceKey } from './bot.js';
import { cardAttachment, notificationCard } from './cards.js';
import {
  OptimisticConversationState,
  OptimisticUserState,
  StoreBackedStorage,
} from './stateStorage.js';
import { botStrings } from './strings.js';

/** The bot's settings: with no app id the bot runs in local mode, as the Playground expects. */
export interface BotDoorOptions {
  appId?: string | undefined;
  appPassword?: string | undefined;
  appTenantId?: string | undefined;
  publicUrl: string;
  cases: CaseService;
  state: StateStore;
  logger: Logger;
  /** Local mode: the demo users, who receive notifications for their groups. */
  demoUsers?: readonly Actor[];
  now?: () => Date;
}

/** The running bot: its adapter (for proactive messages) and its HTTP route. */
export interface BotDoor {
  adapter: CloudAdapter;
  bot: AvvikelseBot;
  /** Sends the "new case" card in chat; the composition gives it to the case service. */
  notifier: NewCaseNotifier;
  registerRoutes(app: FastifyInstance): void;
}

/**
 * Sends the "new case" card to each recipient who has talked with the bot, through the
 * conversation reference kept at their last message. The card holds only the type, the
 * registration number and a link (SPEC §5–6), so it is safe in any chat.
 */
export class ConversationNotifier implements NewCaseNotifier {
  constructor(
    private readonly options: {
      adapter: CloudAdapter;
      appId: string;
      references: StateStore;
      recipients: (record: CaseRecord) => readonly string[];
      publicUrl: string;
      logger: Logger;
    },
  ) {}

  /** Notifies every recipient of the case's group who can be reached. */
  async notifyNewCase(record: CaseRecord): Promise<void> {
    const ids = [...new Set(this.options.recipients(record))];
    const stored = await this.options.references.readState(ids.map(referenceKey));
    let reached = 0;
    for (const id of ids) {
      const entry = stored[referenceKey(id)];
      if (!entry) continue;
      const reference = entry.value as Partial<ConversationReference>;
      const card = notificationCard(localeFrom(reference.locale), {
        type: record.type,
        registrationNumber: record.registrationNumber,
        protectedIdentity: record.protectedIdentity,
        url: `${this.options.publicUrl}/tab/#/cases/${record.id}`,
      });
      await this.options.adapter.continueConversationAsync(
        this.options.appId,
        reference,
        async (context) => {
          await context.sendActivity({ attachments: [cardAttachment(card)] });
        },
      );
      reached += 1;
    }
    this.options.logger.info(
      { caseId: record.id, recipients: ids.length, reached },
      'new case notified',
    );
  }
}

function hasId(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && typeof Reflect.get(value, 'id') === 'string'
  );
}

/**
 * Whether a request body has what every activity a channel sends carries. botbuilder reads
 * these without checking and fails with a TypeError (a 500) when one is missing.
 */
function isChannelActivity(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const activity = body as Record<string, unknown>;
  return (
    typeof activity.type === 'string' &&
    activity.type !== '' &&
    typeof activity.channelId === 'string' &&
    typeof activity.serviceUrl === 'string' &&
    hasId(activity.conversation) &&
    hasId(activity.from) &&
    hasId(activity.recipient)
  );
}

/** Builds the bot on botbuilder's CloudAdapter and the store-backed state. */
export function createBotDoor(options: BotDoorOptions): BotDoor {
  const appId = options.appId ?? '';
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: appId,
    MicrosoftAppPassword: options.appPassword ?? '',
    MicrosoftAppType: options.appTenantId ? 'SingleTenant' : 'MultiTenant',
    MicrosoftAppTenantId: options.appTenantId ?? '',
  });
  const adapter = new CloudAdapter(auth);
  adapter.use(new ShowTypingMiddleware(500, 2000));
  adapter.onTurnError = async (context: TurnContext, error: unknown): Promise<void> => {
    const strings = botStrings(localeFrom(context.activity.locale));
    const locale = localeFrom(context.activity.locale);
    let message: string;
    if (error instanceof DomainError) {
      options.logger.warn({ reason: error.reason }, 'bot turn refused');
      message = error.reason === 'conflict' ? strings.errors.serverBusy : error.text[locale];
    } else {
      options.logger.error({ err: error }, 'bot turn failed');
      message = strings.errors.generic;
    }
    try {
      await context.sendActivity(message);
    } catch (sendError) {
      // The connector refused this reply too (the user removed the bot, Teams is down). Never
      // throw from here: ShowTypingMiddleware calls this from a timer when a typing indicator
      // fails, where a rejection is unhandled and ends the process.
      options.logger.error({ err: sendError }, 'bot could not tell the user about an error');
    }
  };

  const storage = new StoreBackedStorage(options.state);
  const demoUsers = options.demoUsers;
  const bot = new AvvikelseBot({
    cases: options.cases,
    // botbuilder's own states save with eTag '*'; these save against the eTag the turn read,
    // so of two turns racing on one conversation the later one fails instead of overwriting.
    conversationState: new OptimisticConversationState(storage),
    userState: new OptimisticUserState(storage),
    references: options.state,
    logger: options.logger,
    publicUrl: options.publicUrl,
    ...(demoUsers ? { demoUsers } : {}),
    ...(options.now ? { now: options.now } : {}),
    // Inline images sit behind the bot's own token; read it from the turn's connector client.
    // Only a configured bot has one; the downloader sends it to Microsoft hosts only.
    botToken: async (context) => {
      if (appId === '') return undefined;
      const client = context.turnState.get<
        { credentials?: { getToken?: () => Promise<string> } } | undefined
      >(adapter.ConnectorClientKey);
      return client?.credentials?.getToken?.();
    },
  });
  const notifier = new ConversationNotifier({
    adapter,
    appId,
    references: options.state,
    publicUrl: options.publicUrl,
    logger: options.logger,
    // Protected cases reach only their named handlers; others the routed group's members: in
    // local mode the demo users of that group; in production Teams' activity feed reaches the
    // group (src/graph/activityFeed.ts), since the bot cannot list a group's members.
    recipients: (record) =>
      record.protectedIdentity
        ? record.handlers
        : (demoUsers ?? [])
            .filter((user) => user.groups.includes(record.routedGroup))
            .map((user) => user.id),
  });

  return {
    adapter,
    bot,
    notifier,
    registerRoutes(app: FastifyInstance): void {
      app.post('/api/messages', async (request, reply) => {
        // A malformed activity is the sender's error: answer 400 here, in the app's error shape.
        if (!isChannelActivity(request.body)) {
          throw new ValidationError([
            {
              field: 'activity',
              message: {
                sv: 'Begäran är ingen Bot Framework-aktivitet.',
                en: 'The request is not a Bot Framework activity.',
              },
            },
          ]);
        }
        let status = 200;
        let body: unknown;
        const headers: Record<string, unknown> = {};
        // botbuilder speaks to express/restify responses; this collects its answer for fastify.
        const response = {
          socket: request.raw.socket,
          status: (code: number) => {
            status = code;
          },
          header: (name: string, value: unknown) => {
            headers[name] = value;
          },
          send: (value: unknown) => {
            body = value;
          },
          end: () => undefined,
        };
        await adapter.process(
          {
            body: request.body as Record<string, unknown>,
            headers: request.headers,
            method: request.method,
          },
          response,
          (context) => bot.run(context),
        );
        for (const [name, value] of Object.entries(headers)) void reply.header(name, value);
        return reply.code(status).send(body ?? '');
      });
    },
  };
}
