import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConflictError } from '../../src/core/errors.js';
import { migrations } from '../../src/store/local/migrations.js';
import { openLocalStore } from '../../src/store/local/localStore.js';
import { createCommand, makeCaseRecord } from '../fixtures/cases.js';

describe('local state store (SQLite)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'avvikelse-state-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps state and its etag across closing and reopening the store', async () => {
    const key = 'msteams/conversations/19:abc/conversation';
    const value = { dialogState: { dialogStack: [{ id: 'report', state: { step: 4 } }] } };
    const store = openLocalStore(dir);
    const written = await store.writeState([{ key, value }]);
    await store.close();

    const reopened = openLocalStore(dir);
    const read = await reopened.readState([key]);
    expect(read[key]).toEqual({ value, etag: written[key] });
    // The etag read before the restart still guards the next write.
    await reopened.writeState([{ key, value: { next: true }, expectedEtag: written[key] ?? '' }]);
    await expect(
      reopened.writeState([{ key, value: { stale: true }, expectedEtag: written[key] ?? '' }]),
    ).rejects.toBeInstanceOf(ConflictError);
    await reopened.close();
  });

  it('adds the state table to a database made by the first migration, keeping its cases', async () => {
    const store = openLocalStore(dir);
    const { record } = await store.createCase(createCommand(makeCaseRecord()));
    await store.close();
    // Back to version 1, without the tables later migrations add: a store from before them.
    const old = new Database(path.join(dir, 'avvikelse.sqlite'));
    old.exec('DROP TABLE bot_state; DROP TABLE pending_files;');
    old.pragma('user_version = 1');
    old.close();

    const upgraded = openLocalStore(dir);
    expect(upgraded.schemaVersion()).toBe(migrations.length);
    expect(await upgraded.getCase(record.id)).toEqual(record);
    await upgraded.writeState([{ key: 'k', value: 'v' }]);
    expect((await upgraded.readState(['k'])).k?.value).toBe('v');
    await upgraded.close();
  });

  it('lets one of two connections win a conditional write on the same etag', async () => {
    // Two stores on one folder stand for two server processes sharing the database.
    const one = openLocalStore(dir);
    const two = openLocalStore(dir);
    const start = await one.writeState([{ key: 'k', value: 0 }]);
    const etag = start.k ?? '';
    const results = await Promise.allSettled([
      one.writeState([{ key: 'k', value: 1, expectedEtag: etag }]),
      two.writeState([{ key: 'k', value: 2, expectedEtag: etag }]),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((result) => result.status === 'rejected');
    expect(rejected?.status === 'rejected' ? rejected.reason : null).toBeInstanceOf(ConflictError);
    const seenByOne = await one.readState(['k']);
    const seenByTwo = await two.readState(['k']);
    expect(seenByTwo).toEqual(seenByOne);
    expect([1, 2]).toContain(seenByOne.k?.value);
    await one.close();
    await two.close();
  });
});
