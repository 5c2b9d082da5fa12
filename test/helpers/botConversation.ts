/*
 * Drives the real AvvikelseBot through botbuilder's TestAdapter, built as production builds it
 * (store-backed optimistic conversation and user state, the real case service and routing table,
 * the door's onTurnError), but on a temporary local store, a fixed clock and a notifier that
 * records. A conversation sends what Teams sends — typed text, or a card submit whose `value` is
 * the card's inputs plus the pressed button's `data` — and reads the replies' cards.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TestAdapter, type Activity, type ChannelAccount, type TurnContext } from 'botbuilder';
import { DateTime } from 'luxon';
import { AvvikelseBot } from '../../src/bot/bot.js';
import type { CardActionData, CardKind } from '../../src/bot/cards.js';
import { createBotDoor } from '../../src/bot/door.js';
import {
  OptimisticConversationState,
  OptimisticUserState,
  StoreBackedStorage,
} from '../../src/bot/stateStorage.js';
import type { CaseRecord } from '../../src/core/cases.js';
import type { DeviationType } from '../../src/core/fields.js';
import type { Logger } from '../../src/core/logger.js';
import { getAnswer } from '../../src/core/questionFlow.js';
import { parseRoutingTable, type RoutingTable } from '../../src/core/routing.js';
import { CaseService } from '../../src/core/service.js';
import { demoUsers } from '../../src/server/demoUsers.js';
import { openLocalStore, type LocalStore } from '../../src/store/local/localStore.js';

type Json = Record<string, unknown>;

/** A card as the bot sends it: Adaptive Card JSON that names itself in `avvikelseCard`. */
export type Card = Json & { avvikelseCard: { kind: CardKind; field?: string } };

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The routing table the product ships (config/routing.json), by absolute path. */
export const routingFile = path.join(repoRoot, 'config/routing.json');

/** The shipped routing table, parsed. */
export function loadRouting(): RoutingTable {
  return parseRoutingTable(JSON.parse(readFileSync(routingFile, 'utf8')));
}

/** A logger that keeps quiet. */
export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Every object inside a card, depth first (actions in ShowCards and ActionSets included). */
export function nodesOf(card: unknown): Json[] {
  const found: Json[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
    } else if (typeof node === 'object' && node !== null) {
      found.push(node as Json);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** The `data.avvikelse` of every Action.Submit on a card. */
export function submitActions(card: Card): CardActionData[] {
  return nodesOf(card)
    .filter((node) => node.type === 'Action.Submit')
    .map((node) => (node.data as { avvikelse: CardActionData }).avvikelse);
}

/** The token a card's buttons carry (all buttons of one card carry the same one). */
export function tokenOf(card: Card): string {
  const tokens = new Set(submitActions(card).map((data) => data.token));
  if (tokens.size !== 1) throw new Error(`A card with ${tokens.size} tokens`);
  return [...tokens][0] ?? '';
}

/** The Input.* elements of a card. */
export function inputsOf(card: Card): Json[] {
  return nodesOf(card).filter(
    (node) => typeof node.type === 'string' && node.type.startsWith('Input.'),
  );
}

/** Everything a card renders as (Markdown) text: TextBlocks and facts. */
export function renderedTexts(card: unknown): string[] {
  return nodesOf(card).flatMap((node): string[] => {
    if (node.type === 'TextBlock' && typeof node.text === 'string') return [node.text];
    if (typeof node.title === 'string' && typeof node.value === 'string' && !node.type) {
      return [node.title, node.value];
    }
    return [];
  });
}

/** Undoes the card escaping (backslashes, word joiners), giving the text a reader sees. */
export function unescapeCardText(text: string): string {
  return text.replace(/\u2060/g, '').replace(/\\(.)/g, '$1');
}

/** The error a card shows at the top (the attention-coloured TextBlock), read as a person reads it. */
export function cardError(card: Card): string | undefined {
  const block = nodesOf(card).find(
    (node) => node.type === 'TextBlock' && node.color === 'attention' && node.weight === 'bolder',
  );
  return typeof block?.text === 'string' ? unescapeCardText(block.text) : undefined;
}

/** The Stockholm wall-clock date and time of an instant, as Input.Date and Input.Time hold them. */
export function localDateTime(iso: string): { date: string; time: string } {
  const local = DateTime.fromISO(iso, { setZone: true }).setZone('Europe/Stockholm');
  return { date: local.toFormat('yyyy-MM-dd'), time: local.toFormat('HH:mm') };
}

/**
 * The inputs a person fills in on a question card to give `value`, as Teams submits them: a
 * date and a time for a dateTime, the selected values joined by commas for a multi-select, text
 * for everything else (Teams sends numbers from Input.Number as text too).
 */
export function inputsFor(card: Card, field: string, value: unknown): Json {
  const input = inputsOf(card).find((node) => node.id === field);
  if (input === undefined) return {};
  if (input.type === 'Input.Date') {
    const { date, time } = localDateTime(String(value));
    return { [field]: date, [`${field}.time`]: time };
  }
  if (Array.isArray(value)) {
    return { [field]: value.map(String).join(input.type === 'Input.ChoiceSet' ? ',' : ', ') };
  }
  return { [field]: String(value) };
}

/** The answers a card submits for a whole scenario's value of `field`, or undefined if unanswered. */
export function scenarioInputs(card: Card, answers: Json, field: string): Json | undefined {
  const value = getAnswer(answers, field);
  return value === undefined ? undefined : inputsFor(card, field, value);
}

/** Who sends a conversation's activities: a Teams user (Entra object id, display name). */
export interface TeamsUser {
  id: string;
  name?: string;
  aadObjectId?: string;
}

/** The parts of the bot a harness builds; rebuilt on every restart. */
interface Running {
  store: LocalStore;
  cases: CaseService;
  bot: AvvikelseBot;
  adapter: TestAdapter;
}

/**
 * The bot as production composes it, on a local store in `dataDir`. `restart()` closes the store
 * and builds everything anew over the same folder, as a restarted server would.
 */
export class BotHarness {
  /** Every case the notifier was told about, in order. */
  readonly notified: CaseRecord[] = [];
  /** Every error a turn ended with (the door's onTurnError answered the user). */
  readonly turnErrors: unknown[] = [];
  private running: Running;

  constructor(
    readonly dataDir: string,
    readonly now: Date,
  ) {
    this.running = this.build();
  }

  get store(): LocalStore {
    return this.running.store;
  }

  get cases(): CaseService {
    return this.running.cases;
  }

  get bot(): AvvikelseBot {
    return this.running.bot;
  }

  get adapter(): TestAdapter {
    return this.running.adapter;
  }

  private build(): Running {
    const routing = loadRouting();
    const store = openLocalStore(this.dataDir);
    const now = (): Date => this.now;
    const cases = new CaseService({
      store,
      routing,
      now,
      logger: silentLogger,
      notifier: {
        notifyNewCase: (record) => {
          this.notified.push(record);
          return Promise.resolve();
        },
      },
    });
    const storage = new StoreBackedStorage(store);
    const bot = new AvvikelseBot({
      cases,
      conversationState: new OptimisticConversationState(storage),
      userState: new OptimisticUserState(storage),
      references: store,
      logger: silentLogger,
      publicUrl: 'http://127.0.0.1:3978',
      demoUsers,
      now,
    });
    const adapter = new TestAdapter(async (context: TurnContext) => bot.run(context));
    // The door's own error handler, so a failed turn answers the user as in production.
    const door = createBotDoor({
      publicUrl: 'http://127.0.0.1:3978',
      cases,
      state: store,
      logger: silentLogger,
      now,
    });
    const onTurnError = door.adapter.onTurnError;
    adapter.onTurnError = async (context: TurnContext, error: Error): Promise<void> => {
      this.turnErrors.push(error);
      await onTurnError(context, error);
    };
    return { store, cases, bot, adapter };
  }

  /** Closes the store and builds store, service, bot and adapter anew over the same folder. */
  async restart(): Promise<void> {
    await this.running.store.close();
    this.running = this.build();
  }

  /** Reopens after `closeStore()`: a new store, service, bot and adapter. */
  reopen(): void {
    this.running = this.build();
  }

  /** Closes the store (a server going down); turns then fail until `reopen()`. */
  async closeStore(): Promise<void> {
    await this.running.store.close();
  }

  /** Every case in the store, whoever filed it. */
  async allCases(): Promise<CaseRecord[]> {
    const page = await this.running.store.listCases({
      visibility: { all: true, routedGroups: [], types: [], handlerId: '', reporterId: '' },
      limit: 100,
    });
    return page.items;
  }

  /** A one-to-one chat with the bot. */
  conversation(options: { id: string; user: TeamsUser; locale?: string }): BotConversation {
    return new BotConversation(this, options.id, options.user, options.locale);
  }

  /** Closes the store. */
  async close(): Promise<void> {
    await this.running.store.close();
  }
}

/** One personal chat: sends activities as the user, keeps what the bot answered. */
export class BotConversation {
  /** What the bot sent in answer to the last activity (typing indicators left out). */
  replies: Partial<Activity>[] = [];
  /** Every reply of the conversation so far. */
  readonly transcript: Partial<Activity>[] = [];
  private nextId = 1;

  constructor(
    private readonly harness: BotHarness,
    readonly id: string,
    readonly user: TeamsUser,
    public locale: string | undefined,
  ) {}

  /** An activity of this conversation, from the user to the bot. */
  activity(extra: Partial<Activity>): Partial<Activity> {
    const from: ChannelAccount = { id: this.user.id, name: this.user.name ?? '' };
    if (this.user.name === undefined) delete (from as Partial<ChannelAccount>).name;
    if (this.user.aadObjectId !== undefined) from.aadObjectId = this.user.aadObjectId;
    return {
      type: 'message',
      id: `${this.id}-${String(this.nextId++)}`,
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      conversation: { id: this.id, isGroup: false, conversationType: 'personal', name: '' },
      from,
      recipient: { id: '28:avvikelse-bot', name: 'Avvikelse' },
      ...(this.locale === undefined ? {} : { locale: this.locale }),
      ...extra,
    };
  }

  /** Runs one activity through the bot and returns its replies. */
  async post(extra: Partial<Activity>): Promise<Partial<Activity>[]> {
    await this.harness.adapter.processActivity(this.activity(extra));
    return this.collect();
  }

  /** Takes the replies the adapter queued (after `post`, or after concurrent `postOnly`s). */
  collect(): Partial<Activity>[] {
    const queued = this.harness.adapter.activityBuffer.splice(0);
    this.replies = queued.filter((reply) => reply.type !== 'typing');
    this.transcript.push(...this.replies);
    return this.replies;
  }

  /** Runs one activity without collecting replies (for turns that race). */
  postOnly(extra: Partial<Activity>): Promise<void> {
    return this.harness.adapter.processActivity(this.activity(extra)) as Promise<void>;
  }

  /** Sends a typed message. */
  send(text: string): Promise<Partial<Activity>[]> {
    return this.post({ text });
  }

  /** Sends a card submit as Teams does: a message with `value` and no text. */
  submit(value: unknown): Promise<Partial<Activity>[]> {
    return this.post({ value });
  }

  /** The submit `value` of pressing a button on a card, with the inputs filled in. */
  pressValue(
    card: Card,
    action: CardActionData['action'],
    options: { field?: string; type?: string; inputs?: Json } = {},
  ): Json {
    const data = submitActions(card).find(
      (candidate) =>
        candidate.action === action &&
        (options.field === undefined || candidate.field === options.field) &&
        (options.type === undefined || candidate.type === options.type),
    );
    if (data === undefined) {
      throw new Error(
        `No ${action} button on the ${card.avvikelseCard.kind} card (${JSON.stringify(options)})`,
      );
    }
    return { ...(options.inputs ?? {}), avvikelse: data };
  }

  /** Presses a button on a card (the last card by default), with the inputs filled in. */
  press(
    action: CardActionData['action'],
    options: { field?: string; type?: string; inputs?: Json; card?: Card } = {},
  ): Promise<Partial<Activity>[]> {
    return this.submit(this.pressValue(options.card ?? this.lastCard(), action, options));
  }

  /** Answers the question the last card asks, with the inputs a person would fill in. */
  answer(value: unknown): Promise<Partial<Activity>[]> {
    const card = this.lastCard('question');
    const field = card.avvikelseCard.field ?? '';
    return this.press('answer', { field, inputs: inputsFor(card, field, value) });
  }

  /** The cards of the last turn's replies. */
  cards(): Card[] {
    return cardsOf(this.replies);
  }

  /** The texts of the last turn's replies. */
  texts(): string[] {
    return this.replies.flatMap((reply) => (typeof reply.text === 'string' ? [reply.text] : []));
  }

  /** The last card the bot sent in this conversation (of `kind`, if given: fails otherwise). */
  lastCard(kind?: CardKind): Card {
    const card = cardsOf(this.transcript).at(-1);
    if (card === undefined) throw new Error('The bot has sent no card yet');
    if (kind !== undefined && card.avvikelseCard.kind !== kind) {
      throw new Error(
        `Expected a ${kind} card, got ${card.avvikelseCard.kind} ${JSON.stringify(this.texts())}`,
      );
    }
    return card;
  }
}

/** The Adaptive Cards among activities. */
export function cardsOf(activities: readonly Partial<Activity>[]): Card[] {
  return activities.flatMap((activity) =>
    (activity.attachments ?? [])
      .filter((attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive')
      .map((attachment) => attachment.content as Card),
  );
}

/**
 * Answers question after question from `answers` (skipping optional ones they leave out,
 * pressing Klar on attachments, keeping the text if the personal-data card appears) until the
 * bot asks for `stopAt` or shows the summary. Returns the fields asked. Fails on a refused
 * answer or a loop.
 */
export async function answerUntil(
  conversation: BotConversation,
  answers: Json,
  stopAt?: string,
): Promise<string[]> {
  const asked: string[] = [];
  for (let step = 0; step < 50; step++) {
    const card = conversation.lastCard();
    const { kind, field } = card.avvikelseCard;
    if (kind === 'summary') return asked;
    if (kind === 'personalData') {
      await conversation.press('keepOriginal', { card });
      continue;
    }
    if (kind !== 'question' || field === undefined) {
      throw new Error(`Unexpected ${kind} card while answering a report`);
    }
    if (field === stopAt) return asked;
    const error = cardError(card);
    if (error !== undefined) throw new Error(`The bot refused ${field}: ${error}`);
    asked.push(field);
    if (inputsOf(card).length === 0) {
      await conversation.press('answer', { field, card });
      continue;
    }
    const inputs = scenarioInputs(card, answers, field);
    await conversation.press(inputs === undefined ? 'skip' : 'answer', {
      field,
      card,
      ...(inputs === undefined ? {} : { inputs }),
    });
  }
  throw new Error('The report did not get there in 50 steps');
}

/** Types "ny rapport" and chooses the type on the card that comes back. */
export async function startReport(
  conversation: BotConversation,
  type: DeviationType,
): Promise<void> {
  await conversation.send('ny rapport');
  await conversation.press('chooseType', { type, card: conversation.lastCard('typeChoice') });
}

/** What walking a whole report produced. */
export interface WalkedReport {
  /** The fields the bot asked, in order. */
  asked: string[];
  /** The summary card the walk ended on. */
  summary: Card;
}

/** Walks a report from "ny rapport" to its summary, answering from `answers`. */
export async function walkReport(
  conversation: BotConversation,
  type: DeviationType,
  answers: Json,
): Promise<WalkedReport> {
  await startReport(conversation, type);
  const asked = await answerUntil(conversation, answers);
  return { asked, summary: conversation.lastCard('summary') };
}
