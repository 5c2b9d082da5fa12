import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConflictError } from '../../src/core/errors.js';
import { migrations } from '../../src/store/local/migrations.js';
import { openLocalStore } from '../../src/store/local/localStore.js';
import { makeCaseRecord } from '../fixtures/cases.js';

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

  it('upgrades a database made by the first migration, keeping its cases', async () => {
    // A store from before the later migrations: the first migration's schema, one case in it.
    const record = { ...makeCaseRecord(), registrationNumber: 'AMN 2026-0001-1.3' };
    const old = new Database(path.join(dir, 'avvikelse.sqlite'));
    old.exec(migrations[0] ?? '');
    old.pragma('user_version = 1');
    old
      .prepare(
        `INSERT INTO cases (id, version, type, state, registration_number, title, search_text, unit,
           area, routed_group, protected, reporter_id, received_ms, updated_ms, next_deadline_ms,
           report_document_id, data)
         VALUES (?, 1, 'lexSarah', 'registered', ?, ?, '', NULL, NULL, 'lexSarahOfficer', 0,
           'u-reporter', 0, 0, NULL, NULL, ?)`,
      )
      .run(record.id, record.registrationNumber, record.title, JSON.stringify(record));
    old.close();

    const upgraded = openLocalStore(dir);
    expect(upgraded.schemaVersion()).toBe(migrations.length);
    expect(await upgraded.getCase(record.id)).toEqual(record);
    expect(await upgraded.getCaseByRegistrationNumber('AMN 2026-0001-1.3')).toEqual(record);
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
