import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { visibilityFilter } from '../../src/core/access.js';
import { migrations } from '../../src/store/local/migrations.js';
import { openLocalStore } from '../../src/store/local/localStore.js';
import { actors, createCommand, makeCaseRecord } from '../fixtures/cases.js';

class SimulatedCrash extends Error {}

function documentFiles(dir: string): string[] {
  const root = path.join(dir, 'documents');
  return readdirSync(root).flatMap((caseDir) => readdirSync(path.join(root, caseDir)));
}

describe('local store (SQLite + files)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'avvikelse-local-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs in WAL mode with every migration applied, and keeps data across a restart', async () => {
    const store = openLocalStore(dir);
    expect(store.journalMode()).toBe('wal');
    expect(store.schemaVersion()).toBe(migrations.length);
    const { record } = await store.createCase(createCommand(makeCaseRecord()));
    await store.close();

    const reopened = openLocalStore(dir);
    expect(reopened.schemaVersion()).toBe(migrations.length);
    expect(await reopened.getCase(record.id)).toEqual(record);
    const next = await reopened.createCase(createCommand(makeCaseRecord()));
    expect(next.record.registrationNumber).toBe('AMN 2026-0002-1.3');
    await reopened.close();
  });

  it('leaves no visible orphan and loses no case when it crashes between file and metadata', async () => {
    const crashing = openLocalStore(dir, {
      afterDocumentFileWritten: () => {
        throw new SimulatedCrash('power cut');
      },
    });
    const { record } = await crashing.createCase(createCommand(makeCaseRecord()));
    await expect(
      crashing.putDocument({
        caseId: record.id,
        kind: 'report',
        name: 'rapport.pdf',
        mediaType: 'application/pdf',
        content: new Uint8Array([1, 2, 3]),
        createdBy: 'system',
        createdAt: record.receivedAt,
      }),
    ).rejects.toBeInstanceOf(SimulatedCrash);
    // The file reached the disk, but nothing lists it.
    expect(documentFiles(dir)).toHaveLength(1);
    expect(await crashing.listDocuments(record.id)).toEqual([]);
    await crashing.close();

    const restarted = openLocalStore(dir);
    expect(documentFiles(dir)).toHaveLength(0);
    expect(await restarted.getCase(record.id)).toEqual(record);
    expect((await restarted.listCasesMissingReportDocument()).map((r) => r.id)).toEqual([
      record.id,
    ]);
    await restarted.close();
  });

  it('finishes moving filed attachments after a crash between commit and move', async () => {
    const store = openLocalStore(dir);
    const pending = await store.putPendingFile({
      owner: 'u-reporter:draft-1',
      name: 'foto.png',
      mediaType: 'image/png',
      content: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
      createdAt: '2026-03-02T09:00:00+01:00',
    });
    const orphan = await store.putPendingFile({
      owner: 'u-reporter:draft-2',
      name: 'x.png',
      mediaType: 'image/png',
      content: new Uint8Array([1]),
      createdAt: '2026-03-02T09:00:00+01:00',
    });
    await store.deletePendingFiles('u-reporter:draft-2');
    const { record } = await store.createCase({
      ...createCommand(makeCaseRecord(), { key: 'u-reporter:draft-1' }),
      attachPendingFilesOf: 'u-reporter:draft-1',
    });
    await store.close();
    // What a crash right after the commit leaves: the row says filed, the file is still pending.
    renameSync(
      path.join(dir, 'documents', record.id, pending.id),
      path.join(dir, 'pending', pending.id),
    );
    writeFileSync(path.join(dir, 'pending', 'never-committed'), 'x');

    const restarted = openLocalStore(dir);
    const read = await restarted.getDocument(record.id, pending.id);
    expect(Array.from(read?.content ?? [])).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(readdirSync(path.join(dir, 'pending'))).toEqual([]);
    expect(existsSync(path.join(dir, 'pending', orphan.id))).toBe(false);
    await restarted.close();
  });

  it('removes half-written temporary files at start', async () => {
    const store = openLocalStore(dir);
    await store.close();
    const partial = path.join(dir, 'tmp', 'abc.part');
    writeFileSync(partial, 'half');
    const reopened = openLocalStore(dir);
    expect(existsSync(partial)).toBe(false);
    await reopened.close();
  });

  it('refuses to edit or delete the access log and the event history', async () => {
    const store = openLocalStore(dir);
    const { record } = await store.createCase(createCommand(makeCaseRecord()));
    await store.appendAccessLog({
      at: record.receivedAt,
      actorId: 'u-officer',
      actorName: 'Lena Sarin',
      caseId: record.id,
      registrationNumber: record.registrationNumber,
      what: 'case',
    });
    await store.close();
    const db = new Database(path.join(dir, 'avvikelse.sqlite'));
    expect(() => db.prepare('DELETE FROM access_log').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE access_log SET actor_id = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM case_events').run()).toThrow(/append-only/);
    db.close();
  });

  it('sees the same registry from two connections to one data folder', async () => {
    const first = openLocalStore(dir);
    const second = openLocalStore(dir);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? first : second).createCase(createCommand(makeCaseRecord())),
      ),
    );
    const numbers = new Set(results.map((r) => r.record.registrationNumber));
    expect(numbers.size).toBe(20);
    const page = await second.listCases({
      visibility: visibilityFilter(actors.registrar),
      limit: 50,
    });
    expect(page.total).toBe(20);
    await first.close();
    await second.close();
  });
});
