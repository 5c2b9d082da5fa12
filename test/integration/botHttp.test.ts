import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { botStrings } from '../../src/bot/strings.js';
import { questionFlows } from '../../src/core/questionFlow.js';
import type { VisibleCase } from '../../src/core/service.js';
import { start, type Started } from '../../src/server/main.js';
import { loadScenario } from '../fixtures/scenarios.js';
import { startConnectorSink, type ConnectorSink } from '../helpers/botConnectorSink.js';
import {
  cardError,
  cardsOf,
  inputsOf,
  nodesOf,
  routingFile,
  scenarioInputs,
  submitActions,
  unescapeCardText,
  type Card,
} from '../helpers/botConversation.js';

/**
 * The bot over HTTP, as Teams (or the Agents Playground) reaches it: the real product started by
 * `start()` in local mode, Bot Framework activities posted to `/api/messages`, and the bot's
 * replies caught by a loopback stand-in for the connector service at the activities'
 * `serviceUrl`. A whole Lex Sarah report is filed this way, and the routed officer, who once
 * wrote to the bot, gets the notification card in their own chat.
 */

// Filing renders a real PDF; give a slow CI machine the time it needs.
jest.setTimeout(60_000);

const sv = botStrings('sv');
const lexSarah = loadScenario('lex-sarah-denied-placement.json');
const registrationNumberPattern = /^[A-ZÅÄÖ]+ \d{4}-\d{4}-[0-9.]+$/;

const bot = { id: '28:avvikelse-bot', name: 'Avvikelse' };
const reporter = { id: '29:aino-teams-id', name: 'Aino Lind', aadObjectId: 'aad-aino' };
const officer = { id: '29:lena-teams-id', name: 'Lena Sarin', aadObjectId: 'aad-lena' };

let dataDir: string;
let product: Started;
let sink: ConnectorSink;

beforeAll(async () => {
  sink = await startConnectorSink();
  dataDir = mkdtempSync(path.join(tmpdir(), 'avvikelse-bot-http-'));
  product = await start(
    {
      ...process.env,
      AVVIKELSE_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      AVVIKELSE_MODE: 'local',
      HOST: '127.0.0.1',
      AVVIKELSE_ROUTING_FILE: routingFile,
      AVVIKELSE_PUBLIC_URL: '',
    },
    { handleSignals: false, announce: () => undefined },
  );
});

afterAll(async () => {
  await product.close();
  await sink.close();
  rmSync(dataDir, { recursive: true, force: true });
});

let activityCount = 0;

/** Posts a body to /api/messages as it is; returns the status. */
async function postRaw(body: string, contentType = 'application/json'): Promise<number> {
  const response = await fetch(`${product.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  await response.text();
  return response.status;
}

/** A personal chat over HTTP: posts activities as Teams would and reads replies at the sink. */
class HttpChat {
  constructor(
    readonly conversationId: string,
    readonly from: { id: string; name: string; aadObjectId: string },
  ) {}

  /** The message activities the sink got for this chat. */
  messages(): Record<string, unknown>[] {
    return sink.messagesTo(this.conversationId).map((request) => request.body);
  }

  /** Posts an activity, expects 200, and returns the id it had and the replies it caused. */
  async post(extra: Record<string, unknown>): Promise<{ id: string; replies: Card[] }> {
    const before = sink.requests.length;
    const id = `activity-${String(++activityCount)}`;
    const status = await postRaw(
      JSON.stringify({
        type: 'message',
        id,
        timestamp: new Date().toISOString(),
        channelId: 'msteams',
        serviceUrl: sink.url,
        conversation: { id: this.conversationId, conversationType: 'personal', isGroup: false },
        from: this.from,
        recipient: bot,
        ...extra,
      }),
    );
    expect(status).toBe(200);
    // Replies to this chat answer the activity just posted; a turn may also notify other chats.
    const replies = sink.requests
      .slice(before)
      .filter(
        (request) =>
          request.body.type === 'message' && request.conversationId === this.conversationId,
      );
    for (const reply of replies) {
      expect({ conversationId: reply.conversationId, replyToId: reply.replyToId }).toEqual({
        conversationId: this.conversationId,
        replyToId: id,
      });
      expect(`${reply.method} ${reply.path}`).toBe(
        `POST /v3/conversations/${encodeURIComponent(this.conversationId)}/activities/${id}`,
      );
    }
    return { id, replies: cardsOf(replies.map((reply) => reply.body)) };
  }

  /** The last card the bot sent to this chat. */
  lastCard(): Card {
    const card = cardsOf(this.messages()).at(-1);
    if (card === undefined) throw new Error('No card yet');
    return card;
  }

  /** The texts the bot sent to this chat. */
  texts(): string[] {
    return this.messages().flatMap((message) =>
      typeof message.text === 'string' ? [message.text] : [],
    );
  }

  /** Presses a button on the last card, as Teams posts it: a message with `value`. */
  async press(
    action: string,
    options: { field?: string; type?: string; inputs?: Record<string, unknown> } = {},
  ): Promise<void> {
    const data = submitActions(this.lastCard()).find(
      (candidate) =>
        candidate.action === action &&
        (options.field === undefined || candidate.field === options.field) &&
        (options.type === undefined || candidate.type === options.type),
    );
    if (data === undefined) throw new Error(`No ${action} button on the last card`);
    await this.post({ value: { ...(options.inputs ?? {}), avvikelse: data } });
  }
}

/** A local-mode bearer token for a demo user. */
async function tokenFor(user: string): Promise<string> {
  const response = await fetch(`${product.url}/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

/** Resolves once `done()` holds, checking on every turn of the event loop (fails after 20 s). */
async function waitFor(done: () => boolean): Promise<void> {
  for (let round = 0; round < 2000 && !done(); round++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  if (!done()) throw new Error('waited in vain');
}

/** Every string in a value, however deep. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(strings);
  return [];
}

describe('the bot over HTTP (POST /api/messages)', () => {
  it('files a Lex Sarah report and notifies the officer, with no details, in their own chat', async () => {
    // The officer writes to the bot once (taking on the demo user u-officer), so a conversation
    // reference exists to notify them through.
    const officerChat = new HttpChat('a:officer-chat', officer);
    await officerChat.post({ text: 'byt användare u-officer' });
    expect(officerChat.texts()).toEqual([sv.switchedUser('Lena Sarin')]);

    const chat = new HttpChat('a:reporter-chat', reporter);
    const welcome = await chat.post({
      type: 'conversationUpdate',
      membersAdded: [{ id: reporter.id, name: reporter.name }],
    });
    expect(welcome.replies.map((card) => card.avvikelseCard.kind)).toEqual(['welcome']);

    await chat.post({ text: 'ny rapport' });
    expect(chat.lastCard().avvikelseCard.kind).toBe('typeChoice');
    await chat.press('chooseType', { type: 'lexSarah' });

    const asked: string[] = [];
    for (let step = 0; step < 30 && chat.lastCard().avvikelseCard.kind === 'question'; step++) {
      const card = chat.lastCard();
      const field = card.avvikelseCard.field ?? '';
      expect({ field, error: cardError(card) }).toEqual({ field, error: undefined });
      asked.push(field);
      const inputs = scenarioInputs(card, lexSarah.answers, field);
      if (inputsOf(card).length === 0) await chat.press('answer', { field });
      else if (inputs === undefined) await chat.press('skip', { field });
      else await chat.press('answer', { field, inputs });
    }
    expect(asked).toEqual(questionFlows.lexSarah.map((question) => question.id));
    expect(chat.lastCard().avvikelseCard.kind).toBe('summary');

    const beforeSubmit = sink.requests.length;
    await chat.press('submit');
    const submitted = chat.lastCard();
    expect(submitted.avvikelseCard.kind).toBe('submitted');
    const numberBlock = nodesOf(submitted).find(
      (node) => node.type === 'TextBlock' && node.size === 'extraLarge',
    );
    const number = unescapeCardText(String(numberBlock?.text));
    expect(number).toMatch(registrationNumberPattern);

    // The officer of the routed group sees the case through the API, under that number.
    const officerToken = await tokenFor('u-officer');
    const response = await fetch(`${product.url}/api/cases`, {
      headers: { authorization: `Bearer ${officerToken}` },
    });
    expect(response.status).toBe(200);
    const list = (await response.json()) as { items: { case: VisibleCase }[] };
    const filed = list.items.map((item) => item.case);
    expect(filed).toHaveLength(1);
    expect(filed[0]).toMatchObject({
      type: 'lexSarah',
      state: 'registered',
      registrationNumber: number,
      routedGroup: lexSarah.expect.routedTo,
    });
    // Lists carry no names; the case itself names its reporter, from the Teams identity.
    expect(filed[0]).not.toHaveProperty('reporter');
    const opened = await fetch(`${product.url}/api/cases/${String(filed[0]?.id)}`, {
      headers: { authorization: `Bearer ${officerToken}` },
    });
    const { case: full } = (await opened.json()) as { case: VisibleCase };
    expect(full.reporter).toEqual({ id: reporter.aadObjectId, name: reporter.name });

    // While the report was submitted, the notification reached the officer's own chat; it says
    // nothing but the type, the number and a link.
    const notifications = sink.requests
      .slice(beforeSubmit)
      .filter((request) => request.conversationId !== chat.conversationId);
    expect(notifications.map((request) => request.conversationId)).toEqual([
      officerChat.conversationId,
    ]);
    expect(notifications[0]?.path).toMatch(
      new RegExp(`^/v3/conversations/${encodeURIComponent(officerChat.conversationId)}/activities`),
    );
    const [card] = cardsOf(notifications.map((request) => request.body));
    expect(card?.avvikelseCard).toEqual({ kind: 'notification' });
    const cardJson = JSON.stringify(card);
    expect(cardJson).toContain(number);
    const secrets = [
      reporter.name,
      reporter.aadObjectId,
      ...strings(lexSarah.answers).filter((text) => text.length >= 8),
    ];
    for (const secret of secrets)
      expect({ secret, found: cardJson.includes(secret) }).toEqual({
        secret,
        found: false,
      });
    // The officer's chat got nothing else since the switch of user.
    expect(officerChat.texts()).toEqual([sv.switchedUser('Lena Sarin')]);
  });

  it('keeps running when the connector service fails, even for the typing indicator', async () => {
    // Teams' connector refuses a reply with 403 once the user has removed the bot (and can time
    // out or fail). The bot then cannot reply, and its error handler cannot tell the user
    // either; that must be logged, never crash the process. The typing indicator (sent from a
    // timer once a turn takes 500 ms) is the dangerous path: its error goes to onTurnError
    // outside any request, where a throw is an unhandled rejection.
    const unhandled: unknown[] = [];
    const recordUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', recordUnhandled);
    // CloudAdapter prints what reaches it to console.error; keep the test output readable.
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    // The connector refuses everything (a 403 is not retried, unlike a 503, so each send is one
    // request). The bot's first reply is held until the typing indicator has come and the error
    // message its failure causes has been refused too, so the turn is still running while the
    // typing indicator's error is handled (as when Teams is slow and then down).
    let releaseFirstReply = (): void => undefined;
    const firstReplyReleased = new Promise<void>((resolve) => {
      releaseFirstReply = resolve;
    });
    // Should the typing indicator never come, the reply is let go and the test says so below.
    const fallback = setTimeout(releaseFirstReply, 10_000);
    let typingSeen = false;
    sink.respond = async (request) => {
      if (request.body.type === 'typing') {
        typingSeen = true;
      } else if (!typingSeen) {
        await firstReplyReleased;
      } else {
        setImmediate(releaseFirstReply);
      }
      return 403;
    };
    const chat = new HttpChat('a:connector-down-chat', reporter);
    const before = sink.requests.length;
    try {
      const status = await postRaw(
        JSON.stringify({
          type: 'message',
          id: 'activity-down-1',
          channelId: 'msteams',
          serviceUrl: sink.url,
          conversation: { id: chat.conversationId, conversationType: 'personal' },
          from: reporter,
          recipient: bot,
          text: 'ny rapport',
        }),
      );
      // The activity was received; only the replies could not be delivered.
      expect(status).toBe(200);
      // Both error handlers (the turn's and the typing indicator's) tried to say so: wait for
      // the second, then let its promise settle.
      await waitFor(() => chat.messages().length >= 3);
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      clearTimeout(fallback);
      process.off('unhandledRejection', recordUnhandled);
      consoleError.mockRestore();
      sink.respond = () => 200;
    }
    expect(sink.requests.slice(before).some((request) => request.body.type === 'typing')).toBe(
      true,
    );
    expect(chat.texts()).toContain(sv.errors.generic);

    // The server is still there, and once the connector is back the same message works.
    const health = await fetch(`${product.url}/healthz`);
    expect(health.status).toBe(200);
    await chat.post({ text: 'ny rapport' });
    expect(chat.lastCard().avvikelseCard.kind).toBe('typeChoice');
  });

  it('refuses a body that is not an activity object with 400', async () => {
    for (const body of ['"hello"', '[1,2,3]', '42', 'null']) {
      expect({ body, status: await postRaw(body) }).toEqual({ body, status: 400 });
    }
  });

  it('refuses an object that is not a channel activity with 400, as a client error', async () => {
    const complete = {
      type: 'message',
      id: 'activity-malformed',
      channelId: 'msteams',
      serviceUrl: sink.url,
      conversation: { id: 'a:malformed-chat' },
      from: { id: '29:someone' },
      recipient: bot,
      text: 'hej',
    };
    const malformed: Record<string, unknown>[] = [
      {},
      { type: 'message' },
      { type: 'message', text: 'hej' },
      ...(['type', 'channelId', 'serviceUrl', 'conversation', 'from', 'recipient'] as const).map(
        (key) => ({ ...complete, [key]: undefined }),
      ),
      { ...complete, conversation: { name: 'no id' } },
      { ...complete, from: 'someone' },
    ];
    const consoleError = jest.spyOn(console, 'error');
    const consoleWarn = jest.spyOn(console, 'warn');
    const before = sink.requests.length;
    try {
      for (const activity of malformed) {
        const response = await fetch(`${product.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(activity),
        });
        const answer = (await response.json()) as { error?: { reason?: string } };
        expect({ activity, status: response.status, reason: answer.error?.reason }).toEqual({
          activity,
          status: 400,
          reason: 'validation',
        });
      }
      // Refused at the door: botbuilder never saw them, printed nothing, replied to no one.
      expect(consoleError).not.toHaveBeenCalled();
      expect(consoleWarn).not.toHaveBeenCalled();
      expect(sink.requests.slice(before)).toEqual([]);
    } finally {
      consoleError.mockRestore();
      consoleWarn.mockRestore();
    }
    // The complete activity is the control: it is taken.
    expect(await postRaw(JSON.stringify(complete))).toBe(200);
  });

  it('serves /api/messages for POST only', async () => {
    const response = await fetch(`${product.url}/api/messages`);
    await response.text();
    expect([404, 405]).toContain(response.status);
  });
});
