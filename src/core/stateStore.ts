/**
 * The state store port: small JSON documents under opaque keys, written with optimistic
 * concurrency. The bot keeps its conversation and dialog state here (through a botbuilder
 * `Storage` adapter in src/bot), so a half-filled report survives a restart of the server and two
 * turns racing on one conversation cannot silently overwrite each other.
 *
 * Limits every implementation enforces, with a ValidationError whose issue names the key and never
 * carries the value:
 * - a key is a non-empty string of at most 1,000 characters (botbuilder keys look like
 *   `msteams/conversations/<id>/…`); keys are compared exactly, case-sensitively;
 * - a value is JSON: `JSON.stringify` must succeed and give a result, and no function or symbol may
 *   appear anywhere in it (JSON would drop them silently). Properties whose value is `undefined`
 *   are dropped and objects with `toJSON` (Date) are stored as what it returns, as `JSON.stringify`
 *   does — so what is read back is the value's JSON round trip;
 * - the UTF-8 JSON text of a value is at most 1 MiB (1,048,576 bytes).
 */

/** A stored value with the etag of the write that stored it. */
export interface StateEntry {
  value: unknown;
  /** Opaque; changes on every write, and never comes back for a key that was deleted and re-created. */
  etag: string;
}

/** One value to store, with the condition it is stored under. */
export interface StateWrite {
  key: string;
  value: unknown;
  /**
   * The condition: `undefined` or `'*'` writes unconditionally; a string is the etag the writer
   * read, and the write fails with ConflictError unless the key still has exactly that etag (also
   * when the key was deleted meanwhile); `null` creates the key only if it does not exist, and
   * fails with ConflictError if it does (two first turns of a new conversation racing).
   */
  expectedEtag?: string | null;
}

/** Keyed JSON state with etag-checked writes. */
export interface StateStore {
  /** The entries of the keys that exist; absent keys are left out. One consistent snapshot. */
  readState(keys: readonly string[]): Promise<Record<string, StateEntry>>;
  /**
   * Stores every write of the batch in one transaction, or none: one failed condition fails the
   * batch with ConflictError. A key may appear once per batch. Resolves to the new etag by key.
   */
  writeState(writes: readonly StateWrite[]): Promise<Record<string, string>>;
  /** Removes the keys; absent keys are no error. */
  deleteState(keys: readonly string[]): Promise<void>;
}
