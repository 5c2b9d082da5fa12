import { ConversationState, UserState } from 'botbuilder';
import type { Storage, StoreItems, TurnContext } from 'botbuilder';
import { ValidationError } from '../core/errors.js';
import type { StateStore, StateWrite } from '../core/stateStore.js';

/**
 * The bot's conversation, user and dialog state rest on the store (the StateStore port), so a
 * half-filled report survives a restart of the server.
 *
 * `StoreBackedStorage` is a botbuilder `Storage` with the semantics of botbuilder's own
 * `MemoryStorage`: `read` returns the items found (each with the store's `eTag`); `write` stores an
 * item unconditionally when its `eTag` is `'*'` or missing, and otherwise only if the stored etag
 * still equals it; `delete` ignores absent keys. It differs from `MemoryStorage` on purpose where
 * that one is only a test double: a write is all-or-nothing across its keys, an item read before
 * a delete cannot be written back with its old eTag, and a conflict rejects with the core's
 * ConflictError (which the bot's onTurnError maps to a reply) instead of a bare Error.
 *
 * botbuilder's `BotState.saveChanges` (4.23) sets `eTag = '*'` on every save, so stock
 * `ConversationState` and `UserState` overwrite blindly: of two turns racing on one conversation,
 * the later save silently wins. `OptimisticConversationState` and `OptimisticUserState` write
 * back on the etag their turn read instead, so the later save rejects with ConflictError.
 */

/** An item's stored value is the item without `eTag`: the etag belongs to the store. */
function toWrite(key: string, item: unknown): StateWrite {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw new ValidationError([
      {
        field: key,
        message: {
          sv: 'Det som sparas ska vara ett objekt.',
          en: 'A stored item must be an object.',
        },
      },
    ]);
  }
  const { eTag, ...value } = item as Record<string, unknown>;
  // As in MemoryStorage: a missing or empty eTag and '*' both mean "write unconditionally".
  if (eTag === undefined || eTag === null || eTag === '' || eTag === '*') return { key, value };
  if (typeof eTag !== 'string') {
    throw new ValidationError([
      {
        field: `${key}.eTag`,
        message: { sv: 'eTag ska vara en text.', en: 'eTag must be a string.' },
      },
    ]);
  }
  return { key, value, expectedEtag: eTag };
}

/** A botbuilder `Storage` over the StateStore port (see the module comment for its semantics). */
export class StoreBackedStorage implements Storage {
  /** Wraps a state store; the store owns the etags. */
  constructor(private readonly store: StateStore) {}

  /** The items of the keys that exist, each a fresh object with the store's `eTag`. */
  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when reading.');
    const entries = await this.store.readState(keys);
    const items: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(entries)) {
      const { value, etag } = entry;
      // A value some other writer stored that is not an object cannot carry an eTag; pass it on.
      items[key] =
        typeof value === 'object' && value !== null && !Array.isArray(value)
          ? { ...value, eTag: etag }
          : value;
    }
    return items;
  }

  /** Stores every item or none; a stale `eTag` rejects with ConflictError. */
  async write(changes: StoreItems): Promise<void> {
    // Untyped JavaScript callers exist (botbuilder itself); MemoryStorage checks this too.
    const given: unknown = changes;
    if (typeof given !== 'object' || given === null) {
      throw new ReferenceError('Changes are required when writing.');
    }
    const items = Object.entries(given);
    await this.store.writeState(items.map(([key, item]: [string, unknown]) => toWrite(key, item)));
  }

  /** Removes the keys; absent keys are no error. */
  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when deleting.');
    await this.store.deleteState(keys);
  }

  /** Writes with explicit conditions, for the optimistic bot states; returns new etags by key. */
  writeWithConditions(writes: readonly StateWrite[]): Promise<Record<string, string>> {
    return this.store.writeState(writes);
  }
}

/**
 * The Storage an optimistic bot state talks to. It remembers, per state object it hands out, the
 * etag that object was read with (null: the key was absent), and writes that object back on that
 * etag whatever `eTag` BotState put on it. Objects are the key because BotState keeps the object
 * it read as the turn's state and passes that very object to `write`.
 */
class ReadEtagTracker implements Storage {
  private readonly readEtags = new WeakMap<object, string | null>();

  constructor(private readonly inner: StoreBackedStorage) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: Record<string, unknown> = await this.inner.read(keys);
    for (const key of keys) {
      const item = items[key];
      if (item === undefined) {
        // BotState would start from `{}` itself; handing it out lets its first save be a create.
        const fresh = {};
        this.readEtags.set(fresh, null);
        items[key] = fresh;
      } else if (typeof item === 'object' && item !== null) {
        const etag = (item as { eTag?: unknown }).eTag;
        if (typeof etag === 'string') this.readEtags.set(item, etag);
      }
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const items: [string, unknown][] = Object.entries(changes);
    const writes = items.map(([key, item]): StateWrite => {
      const plain = toWrite(key, item);
      const read = this.readEtags.get(item as object);
      // An object this turn did not read (a forced save before any load) follows its own eTag.
      return read === undefined ? plain : { ...plain, expectedEtag: read };
    });
    const etags = await this.inner.writeWithConditions(writes);
    // A second save in the same turn is then checked against what this one wrote.
    for (const [key, item] of items) {
      const etag = etags[key];
      if (etag !== undefined) this.readEtags.set(item as object, etag);
    }
  }

  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }

  /** After `clear` replaced the turn's state object, the new one keeps the etag of the old. */
  carry(from: unknown, to: unknown): void {
    if (typeof from !== 'object' || from === null || typeof to !== 'object' || to === null) return;
    const read = this.readEtags.get(from);
    if (read !== undefined) this.readEtags.set(to, read);
  }
}

/** ConversationState whose saves are checked against the etag the turn read (no blind writes). */
export class OptimisticConversationState extends ConversationState {
  private readonly tracker: ReadEtagTracker;

  /** Conversation state in `storage`; `namespace` as in ConversationState. */
  constructor(storage: StoreBackedStorage, namespace?: string) {
    const tracker = new ReadEtagTracker(storage);
    super(tracker, namespace);
    this.tracker = tracker;
  }

  /** Clears the turn's state; its save is still checked against the etag that was read. */
  override async clear(context: TurnContext): Promise<void> {
    const before: unknown = this.get(context);
    await super.clear(context);
    this.tracker.carry(before, this.get(context));
  }
}

/** UserState whose saves are checked against the etag the turn read (no blind writes). */
export class OptimisticUserState extends UserState {
  private readonly tracker: ReadEtagTracker;

  /** User state in `storage`; `namespace` as in UserState. */
  constructor(storage: StoreBackedStorage, namespace?: string) {
    const tracker = new ReadEtagTracker(storage);
    super(tracker, namespace);
    this.tracker = tracker;
  }

  /** Clears the turn's state; its save is still checked against the etag that was read. */
  override async clear(context: TurnContext): Promise<void> {
    const before: unknown = this.get(context);
    await super.clear(context);
    this.tracker.carry(before, this.get(context));
  }
}
