import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  AutoSaveStateMiddleware,
  ConversationState,
  MemoryStorage,
  TestAdapter,
  TurnContext,
  UserState,
} from 'botbuilder';
import type { Activity, BotState, Storage, StoreItems } from 'botbuilder';
import { DialogSet, DialogTurnStatus, TextPrompt, WaterfallDialog } from 'botbuilder-dialogs';
import type { DialogState } from 'botbuilder-dialogs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  OptimisticConversationState,
  OptimisticUserState,
  StoreBackedStorage,
} from '../../src/bot/stateStorage.js';
import { ConflictError, ValidationError } from '../../src/core/errors.js';
import type { LocalStore } from '../../src/store/local/localStore.js';
import { openLocalStore } from '../../src/store/local/localStore.js';

/** What every activity of the tests carries: a Teams-like conversation, so keys look real. */
const template: Partial<Activity> = {
  channelId: 'msteams',
  conversation: {
    id: '19:avvikelse-chat',
    isGroup: false,
    name: 'Avvikelse',
    conversationType: 'personal',
  },
  from: { id: 'user-aino', name: 'Aino' },
  recipient: { id: 'bot', name: 'Avvikelse' },
  locale: 'sv-SE',
};

/** A test adapter that puts the template on every activity; `logic` runs for each one. */
function adapterWith(logic: (context: TurnContext) => Promise<void> = () => Promise.resolve()) {
  return new TestAdapter(logic, template);
}

/** The error a promise rejects with; fails the test if it resolves. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/** The text of the next reply the bot queued in the test adapter. */
function nextReplyText(adapter: TestAdapter): string | undefined {
  // The adapter's queue of replies (getNextReply is typed as if never empty).
  return adapter.activityBuffer.shift()?.text;
}

/** A turn context for one more message in the shared conversation, as a second turn would get. */
function turnOn(adapter: TestAdapter, text: string): TurnContext {
  return new TurnContext(adapter, { ...adapter.makeActivity(text), ...template });
}

interface Draft {
  answers: string[];
}

interface Profile {
  locale: string;
}

describe('StoreBackedStorage under ConversationState and UserState', () => {
  let dir: string;
  let store: LocalStore;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'avvikelse-bot-state-'));
    store = openLocalStore(dir);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Closes the store and opens it again from disk, as a restart of the server does. */
  async function restart(): Promise<void> {
    await store.close();
    store = openLocalStore(dir);
  }

  type StateFactory = (storage: StoreBackedStorage) => { conversation: BotState; user: BotState };
  const flavours: [string, StateFactory][] = [
    [
      'stock ConversationState/UserState',
      (storage) => ({ conversation: new ConversationState(storage), user: new UserState(storage) }),
    ],
    [
      'OptimisticConversationState/OptimisticUserState',
      (storage) => ({
        conversation: new OptimisticConversationState(storage),
        user: new OptimisticUserState(storage),
      }),
    ],
  ];

  describe.each(flavours)('%s', (_name, makeStates) => {
    /** A bot that adds each message to a draft and remembers the user's locale. */
    function draftBot(): TestAdapter {
      const states = makeStates(new StoreBackedStorage(store));
      const draft = states.conversation.createProperty<Draft>('draft');
      const profile = states.user.createProperty<Profile>('profile');
      const adapter = adapterWith(async (context) => {
        const current = await draft.get(context, { answers: [] });
        current.answers.push(context.activity.text);
        await draft.set(context, current);
        await profile.set(context, { locale: context.activity.locale ?? 'sv-SE' });
        await context.sendActivity(current.answers.join(' | '));
      });
      adapter.use(new AutoSaveStateMiddleware(states.conversation, states.user));
      return adapter;
    }

    it('keeps a draft from one turn to the next, across a restart of the store', async () => {
      const before = draftBot();
      await before.receiveActivity('Brukaren föll i duschen');
      expect(nextReplyText(before)).toBe('Brukaren föll i duschen');
      await before.receiveActivity('på Älvgården');
      expect(nextReplyText(before)).toBe('Brukaren föll i duschen | på Älvgården');

      await restart();
      // New storage, new states, new adapter: nothing survives but what the store kept.
      const after = draftBot();
      await after.receiveActivity('i går kväll');
      expect(nextReplyText(after)).toBe('Brukaren föll i duschen | på Älvgården | i går kväll');

      const stored = await store.readState([
        'msteams/conversations/19:avvikelse-chat/',
        'msteams/users/user-aino/',
      ]);
      const conversationValue = stored['msteams/conversations/19:avvikelse-chat/']?.value;
      expect(conversationValue).toEqual({
        draft: { answers: ['Brukaren föll i duschen', 'på Älvgården', 'i går kväll'] },
      });
      // The eTag lives beside the value, never inside it.
      expect(conversationValue).not.toHaveProperty('eTag');
      expect(stored['msteams/users/user-aino/']?.value).toEqual({ profile: { locale: 'sv-SE' } });
    });

    it('reads a property set in one turn from a new ConversationState over a reopened store', async () => {
      const states = makeStates(new StoreBackedStorage(store));
      const draft = states.conversation.createProperty<Draft>('draft');
      const adapter = adapterWith();
      const first = turnOn(adapter, 'första');
      await draft.set(first, { answers: ['första'] });
      await states.conversation.saveChanges(first);

      await restart();
      const fresh = new ConversationState(new StoreBackedStorage(store));
      const second = turnOn(adapter, 'andra');
      expect(await fresh.createProperty<Draft>('draft').get(second)).toEqual({
        answers: ['första'],
      });
    });
  });

  it('continues a dialog where it stopped before a restart', async () => {
    /** A two-question waterfall, built afresh after the restart as the server would. */
    function dialogBot(): TestAdapter {
      const conversationState = new OptimisticConversationState(new StoreBackedStorage(store));
      const dialogs = new DialogSet(conversationState.createProperty<DialogState>('dialogState'));
      dialogs.add(new TextPrompt('text'));
      dialogs.add(
        new WaterfallDialog('report', [
          (step) => step.prompt('text', 'Vad hände?'),
          (step) => {
            const answer: unknown = step.result;
            (step.values as { what?: unknown }).what = answer;
            return step.prompt('text', 'Var hände det?');
          },
          async (step) => {
            await step.context.sendActivity(
              `Sparat: ${String((step.values as { what?: unknown }).what)} / ${String(step.result as unknown)}`,
            );
            return step.endDialog();
          },
        ]),
      );
      const adapter = adapterWith(async (context) => {
        const dc = await dialogs.createContext(context);
        const result = await dc.continueDialog();
        if (result.status === DialogTurnStatus.empty) await dc.beginDialog('report');
      });
      adapter.use(new AutoSaveStateMiddleware(conversationState));
      return adapter;
    }

    const before = dialogBot();
    await before.receiveActivity('hej');
    expect(nextReplyText(before)).toBe('Vad hände?');
    await before.receiveActivity('Fel dos delades ut');
    expect(nextReplyText(before)).toBe('Var hände det?');

    await restart();
    const after = dialogBot();
    await after.receiveActivity('Avdelning Ö');
    expect(nextReplyText(after)).toBe('Sparat: Fel dos delades ut / Avdelning Ö');
  });

  describe('two turns racing on one conversation', () => {
    it('rejects the later save with ConflictError and keeps the earlier one', async () => {
      const state = new OptimisticConversationState(new StoreBackedStorage(store));
      const draft = state.createProperty<Draft>('draft');
      const adapter = adapterWith();
      const setup = turnOn(adapter, 'start');
      await draft.set(setup, { answers: ['start'] });
      await state.saveChanges(setup);

      const one = turnOn(adapter, 'ett');
      const two = turnOn(adapter, 'två');
      // Both turns load the same version before either saves.
      const draftOne = await draft.get(one, { answers: [] });
      const draftTwo = await draft.get(two, { answers: [] });
      draftOne.answers.push('ett');
      draftTwo.answers.push('två');
      await draft.set(one, draftOne);
      await draft.set(two, draftTwo);

      await state.saveChanges(one);
      const error = await rejection(state.saveChanges(two));
      expect(error).toBeInstanceOf(ConflictError);

      const check = turnOn(adapter, 'kontroll');
      expect(await draft.get(check)).toEqual({ answers: ['start', 'ett'] });
    });

    it('rejects the later of two turns that both start a new conversation', async () => {
      const state = new OptimisticConversationState(new StoreBackedStorage(store));
      const draft = state.createProperty<Draft>('draft');
      const adapter = adapterWith();
      const one = turnOn(adapter, 'ett');
      const two = turnOn(adapter, 'två');
      await draft.set(one, { answers: ['ett'] });
      await draft.set(two, { answers: ['två'] });
      await state.saveChanges(one);
      await expect(state.saveChanges(two)).rejects.toBeInstanceOf(ConflictError);
      expect(await draft.get(turnOn(adapter, 'kontroll'))).toEqual({ answers: ['ett'] });
    });

    it('rejects the later save of user state the same way', async () => {
      const state = new OptimisticUserState(new StoreBackedStorage(store));
      const profile = state.createProperty<Profile>('profile');
      const adapter = adapterWith();
      const setup = turnOn(adapter, 'start');
      await profile.set(setup, { locale: 'sv-SE' });
      await state.saveChanges(setup);
      const one = turnOn(adapter, 'ett');
      const two = turnOn(adapter, 'två');
      await state.load(one);
      await state.load(two);
      await profile.set(one, { locale: 'en-US' });
      await profile.set(two, { locale: 'fi-FI' });
      await state.saveChanges(one);
      await expect(state.saveChanges(two)).rejects.toBeInstanceOf(ConflictError);
    });

    it('lets the losing turn save after it loads again', async () => {
      const state = new OptimisticConversationState(new StoreBackedStorage(store));
      const draft = state.createProperty<Draft>('draft');
      const adapter = adapterWith();
      const one = turnOn(adapter, 'ett');
      const two = turnOn(adapter, 'två');
      await draft.set(one, { answers: ['ett'] });
      await draft.set(two, { answers: ['två'] });
      await state.saveChanges(one);
      await expect(state.saveChanges(two)).rejects.toBeInstanceOf(ConflictError);

      const current = (await state.load(two, true)) as { draft?: Draft };
      expect(current.draft).toEqual({ answers: ['ett'] });
      await draft.set(two, { answers: ['ett', 'två'] });
      await state.saveChanges(two);
      expect(await draft.get(turnOn(adapter, 'kontroll'))).toEqual({ answers: ['ett', 'två'] });
    });

    it('lets one turn save twice, checking the second save against the first', async () => {
      const state = new OptimisticConversationState(new StoreBackedStorage(store));
      const draft = state.createProperty<Draft>('draft');
      const adapter = adapterWith();
      const one = turnOn(adapter, 'ett');
      const two = turnOn(adapter, 'två');
      await draft.set(one, { answers: ['ett'] });
      await state.saveChanges(one);
      await draft.get(two, { answers: [] });
      await draft.set(one, { answers: ['ett', 'igen'] });
      await state.saveChanges(one);
      // The other turn read before the second save, so its save is stale.
      await draft.set(two, { answers: ['två'] });
      await expect(state.saveChanges(two)).rejects.toBeInstanceOf(ConflictError);
      expect(await draft.get(turnOn(adapter, 'kontroll'))).toEqual({ answers: ['ett', 'igen'] });
    });

    it('checks a cleared state against the etag read before the clear', async () => {
      const state = new OptimisticConversationState(new StoreBackedStorage(store));
      const draft = state.createProperty<Draft>('draft');
      const adapter = adapterWith();
      const one = turnOn(adapter, 'ett');
      const two = turnOn(adapter, 'två');
      await state.load(one);
      await state.load(two);
      await draft.set(one, { answers: ['ett'] });
      await state.saveChanges(one);
      await state.clear(two);
      await expect(state.saveChanges(two)).rejects.toBeInstanceOf(ConflictError);
      expect(await draft.get(turnOn(adapter, 'kontroll'))).toEqual({ answers: ['ett'] });
    });

    it('writes a forced save of never-loaded state unconditionally, as BotState asks', async () => {
      const state = new OptimisticConversationState(new StoreBackedStorage(store));
      const adapter = adapterWith();
      const reader = turnOn(adapter, 'läsare');
      await state.createProperty<Draft>('draft').set(reader, { answers: ['läst'] });
      await state.saveChanges(reader);
      await state.saveChanges(turnOn(adapter, 'tvingad'), true);
      expect(await store.readState(['msteams/conversations/19:avvikelse-chat/'])).toEqual({
        'msteams/conversations/19:avvikelse-chat/': { value: {}, etag: expect.any(String) },
      });
    });

    it('does not guard stock ConversationState, whose saves are blind (why the optimistic one exists)', async () => {
      // botbuilder's BotState.saveChanges sets eTag = '*' before it writes.
      const state = new ConversationState(new StoreBackedStorage(store));
      const draft = state.createProperty<Draft>('draft');
      const adapter = adapterWith();
      const one = turnOn(adapter, 'ett');
      const two = turnOn(adapter, 'två');
      await draft.set(one, { answers: ['ett'] });
      await draft.set(two, { answers: ['två'] });
      await state.saveChanges(one);
      await state.saveChanges(two);
      expect(await draft.get(turnOn(adapter, 'kontroll'))).toEqual({ answers: ['två'] });
    });
  });
});

describe('StoreBackedStorage and MemoryStorage agree', () => {
  let dir: string;
  let store: LocalStore;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'avvikelse-bot-storage-'));
    store = openLocalStore(dir);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const storages: [string, () => Storage][] = [
    ['MemoryStorage', () => new MemoryStorage()],
    ['StoreBackedStorage', () => new StoreBackedStorage(store)],
  ];

  /** The one item under `key`, or undefined. */
  async function readOne(storage: Storage, key: string): Promise<StoreItems | undefined> {
    const items: Record<string, StoreItems | undefined> = await storage.read([key]);
    return items[key];
  }

  describe.each(storages)('%s', (_name, makeStorage) => {
    it('leaves absent keys out of what it reads', async () => {
      const storage = makeStorage();
      await storage.write({ here: { a: 1 } });
      const items = await storage.read(['here', 'absent']);
      expect(Object.keys(items)).toEqual(['here']);
    });

    it('stores an item without eTag unconditionally and gives it a string eTag', async () => {
      const storage = makeStorage();
      await storage.write({ k: { text: 'åäö', nested: { n: 1 } } });
      await storage.write({ k: { text: 'igen' } });
      const item = await readOne(storage, 'k');
      expect(item).toEqual({ text: 'igen', eTag: expect.any(String) });
    });

    it("stores an item with eTag '*' unconditionally, also over a newer version", async () => {
      const storage = makeStorage();
      await storage.write({ k: { v: 1, eTag: '*' } });
      const first = await readOne(storage, 'k');
      await storage.write({ k: { ...first, v: 2 } });
      await storage.write({ k: { v: 3, eTag: '*' } });
      const item = await readOne(storage, 'k');
      expect(item?.v).toBe(3);
      expect(item?.eTag).not.toBe('*');
    });

    it('stores an item on the eTag it was read with and changes the eTag', async () => {
      const storage = makeStorage();
      await storage.write({ k: { v: 1 } });
      const read = await readOne(storage, 'k');
      await storage.write({ k: { ...read, v: 2 } });
      const again = await readOne(storage, 'k');
      expect(again?.v).toBe(2);
      expect(again?.eTag).not.toBe(read?.eTag);
    });

    it('refuses an item whose eTag is stale and keeps the stored one', async () => {
      const storage = makeStorage();
      await storage.write({ k: { v: 1 } });
      const stale = await readOne(storage, 'k');
      await storage.write({ k: { ...stale, v: 2 } });
      await expect(storage.write({ k: { ...stale, v: 3 } })).rejects.toBeInstanceOf(Error);
      expect((await readOne(storage, 'k'))?.v).toBe(2);
    });

    it('does not change the item it was given', async () => {
      const storage = makeStorage();
      const item = { v: 1, eTag: '*' };
      await storage.write({ k: item });
      expect(item).toEqual({ v: 1, eTag: '*' });
      const read = await readOne(storage, 'k');
      if (read) read.v = 99;
      expect((await readOne(storage, 'k'))?.v).toBe(1);
    });

    it('deletes keys, absent ones without complaint', async () => {
      const storage = makeStorage();
      await storage.write({ a: { v: 1 }, b: { v: 2 } });
      await storage.delete(['a', 'absent']);
      expect(Object.keys(await storage.read(['a', 'b']))).toEqual(['b']);
    });
  });

  describe('where StoreBackedStorage is stricter on purpose', () => {
    it('rejects a stale eTag with the core ConflictError', async () => {
      const storage = new StoreBackedStorage(store);
      await storage.write({ k: { v: 1 } });
      const stale = await readOne(storage, 'k');
      await storage.write({ k: { v: 2 } });
      await expect(storage.write({ k: { ...stale, v: 3 } })).rejects.toBeInstanceOf(ConflictError);
    });

    it('writes all items of one call or none', async () => {
      const storage = new StoreBackedStorage(store);
      await storage.write({ a: { v: 1 } });
      const stale = await readOne(storage, 'a');
      await storage.write({ a: { v: 2 } });
      await expect(
        storage.write({ fresh: { v: 1 }, a: { ...stale, v: 3 } }),
      ).rejects.toBeInstanceOf(ConflictError);
      expect(await storage.read(['fresh'])).toEqual({});
    });

    it('does not bring back a deleted item written with its old eTag', async () => {
      const storage = new StoreBackedStorage(store);
      await storage.write({ k: { v: 1 } });
      const read = await readOne(storage, 'k');
      await storage.delete(['k']);
      await expect(storage.write({ k: { ...read, v: 2 } })).rejects.toBeInstanceOf(ConflictError);
      expect(await storage.read(['k'])).toEqual({});
    });

    it('refuses items that are not objects, eTags that are not strings, and non-JSON values', async () => {
      const storage = new StoreBackedStorage(store);
      await expect(storage.write({ k: 'text' })).rejects.toBeInstanceOf(ValidationError);
      await expect(storage.write({ k: [1, 2] })).rejects.toBeInstanceOf(ValidationError);
      await expect(storage.write({ k: null })).rejects.toBeInstanceOf(ValidationError);
      await expect(storage.write({ k: { v: 1, eTag: 7 } })).rejects.toBeInstanceOf(ValidationError);
      await expect(storage.write({ k: { v: 1n } })).rejects.toBeInstanceOf(ValidationError);
      expect(await storage.read(['k'])).toEqual({});
    });

    it('refuses to be called without keys or changes, as MemoryStorage does', async () => {
      const storage = new StoreBackedStorage(store);
      const untyped = storage as unknown as {
        read(keys: unknown): Promise<unknown>;
        write(changes: unknown): Promise<unknown>;
        delete(keys: unknown): Promise<unknown>;
      };
      await expect(untyped.read(undefined)).rejects.toBeInstanceOf(ReferenceError);
      await expect(untyped.write(undefined)).rejects.toBeInstanceOf(ReferenceError);
      await expect(untyped.delete(undefined)).rejects.toBeInstanceOf(ReferenceError);
    });

    it('passes on a value another writer stored that is not an object', async () => {
      await store.writeState([{ key: 'plain', value: ['a', 'b'] }]);
      const storage = new StoreBackedStorage(store);
      expect(await storage.read(['plain'])).toEqual({ plain: ['a', 'b'] });
    });
  });
});
