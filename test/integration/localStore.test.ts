import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { visibilityFilter } from '../../src/core/access.js';
import { ConflictError } from '../../src/core/errors.js';
import type { CaseRecord } from '../../src/core/cases.js';
import type { CaseQuery, CaseSortKey } from '../../src/core/ports.js';
import { migrations } from '../../src/store/local/migrations.js';
import { openLocalStore } from '../../src/store/local/localStore.js';
import { actors, createCommand, makeCaseRecord } from '../fixtures/cases.js';

class SimulatedCrash extends Error {}

/** What list search matches: registration number and title, lower-cased the Swedish way. */
/** What schema 4 to 6 stored as search text: number and title, protected cases too. */
function oldSearchedText(record: CaseRecord): string {
  return `${record.registrationNumber ?? ''} ${record.title}`.toLocaleLowerCase('sv');
}

/** What a search matches: number and title; a protected case's number only. */
function searchedText(record: CaseRecord): string {
  return record.protectedIdentity
    ? (record.registrationNumber ?? '').toLocaleLowerCase('sv')
    : oldSearchedText(record);
}

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

  it('keeps the first of two racing writes under one id, its file intact, the other a conflict', async () => {
    const store = openLocalStore(dir);
    const { record } = await store.createCase(createCommand(makeCaseRecord()));
    const write = (text: string) =>
      store.putDocument({
        id: '5d0c1e2a-3b4c-4d5e-8f60-718293a4b5c6',
        caseId: record.id,
        kind: 'report',
        name: 'rapport.pdf',
        mediaType: 'application/pdf',
        content: new TextEncoder().encode(text),
        createdBy: 'system',
        createdAt: record.receivedAt,
      });
    const [first, second] = await Promise.allSettled([
      write('%PDF-1.7 the first rendering'),
      write('%PDF-1.7 the second, other rendering'),
    ]);
    expect(first.status).toBe('fulfilled');
    expect(second.status === 'rejected' ? second.reason : second).toBeInstanceOf(ConflictError);
    const [listed] = await store.listDocuments(record.id);
    const stored = listed === undefined ? null : await store.getDocument(record.id, listed.id);
    expect(new TextDecoder().decode(stored?.content)).toBe('%PDF-1.7 the first rendering');
    expect(
      createHash('sha256')
        .update(stored?.content ?? '')
        .digest('hex'),
    ).toBe(stored?.ref.sha256);
    await store.close();
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
  it('upgrades a database of schema 4 whose cases then become findable by search', async () => {
    // A database as schema 4 left it: the migrations up to then, and cases written as then.
    const old = new Database(path.join(dir, 'avvikelse.sqlite'));
    migrations.slice(0, 4).forEach((sql, index) => {
      old.exec(sql);
      old.pragma(`user_version = ${String(index + 1)}`);
    });
    const before = [
      makeCaseRecord({
        registrationNumber: 'AMN 2026-0001-1.3',
        title: 'Lex Sarah-rapport – Jobbtorg Skärholmen',
      }),
      makeCaseRecord({
        registrationNumber: 'AMN 2026-0002-1.3',
        title: 'Lex Sarah-rapport – Jobbtorg Kista',
        nextDeadlineAt: '2026-03-03T09:00:00+01:00',
      }),
      // Searchable by its title before migration 7: by its registration number only after it.
      makeCaseRecord({
        registrationNumber: 'ÅMN 2026-0003-1.3',
        title: 'Lex Sarah-rapport – Boendestöd Kungsholmen',
        protectedIdentity: true,
        handlers: ['u-officer'],
      }),
    ];
    for (const record of before) {
      old
        .prepare(
          `INSERT INTO cases (id, version, type, state, registration_number, title, search_text,
             unit, area, routed_group, protected, reporter_id, received_ms, updated_ms,
             next_deadline_ms, report_document_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
        )
        .run(
          record.id,
          record.version,
          record.type,
          record.state,
          record.registrationNumber,
          record.title,
          oldSearchedText(record),
          record.unit,
          record.area,
          record.routedGroup,
          record.protectedIdentity ? 1 : 0,
          record.reporter.id,
          Date.parse(record.receivedAt),
          Date.parse(record.updatedAt),
          record.nextDeadlineAt === null ? null : Date.parse(record.nextDeadlineAt),
        );
      old
        .prepare('INSERT INTO case_data (id, data) VALUES (?, ?)')
        .run(record.id, JSON.stringify(record));
    }
    old
      .prepare('INSERT INTO registration_counters (series, year, last_sequence) VALUES (?, ?, ?)')
      .run('AMN', 2026, 2);
    old.close();

    const store = openLocalStore(dir);
    expect(store.schemaVersion()).toBe(migrations.length);
    const visibility = visibilityFilter(actors.officer);
    const found = async (search: string): Promise<string[]> =>
      (await store.listCases({ visibility, limit: 50, search })).items.map((r) => r.id);
    const [skarholmen, kista, secret] = before as [CaseRecord, CaseRecord, CaseRecord];
    expect(await found('SKÄRHOLM')).toEqual([skarholmen.id]);
    expect(await found('6-0002-1')).toEqual([kista.id]);
    // The registrar sees every registry entry, the protected one too.
    const registrar = async (search: string): Promise<string[]> =>
      (
        await store.listCases({ visibility: visibilityFilter(actors.registrar), limit: 50, search })
      ).items.map((r) => r.id);
    expect(await registrar('Kungsholmen')).toEqual([]);
    expect(await registrar('ÅMN 2026-0003')).toEqual([secret.id]);
    const overdue = await store.listCases({
      visibility,
      limit: 50,
      deadlineBefore: '2026-03-04T00:00:00+01:00',
    });
    expect(overdue).toMatchObject({ total: 1, items: [{ id: kista.id }] });
    // Rows from before the upgrade follow their updates too, and new cases are indexed.
    await store.updateCase({
      record: { ...kista, title: 'Lex Sarah-rapport – Jobbtorg Husby' },
      expectedVersion: kista.version,
      events: [],
    });
    expect(await found('kista')).toEqual([]);
    expect(await found('husby')).toEqual([kista.id]);
    const { record: added } = await store.createCase(
      createCommand(makeCaseRecord({ title: 'Lex Sarah-rapport – Jobbtorg Rinkeby' })),
    );
    expect(await found('rinkeby')).toEqual([added.id]);
    await store.close();
  });

  it('matches a NUL character and characters outside the BMP literally', async () => {
    const store = openLocalStore(dir);
    const nul = makeCaseRecord({ title: 'Nr a\u0000b' });
    const emoji = makeCaseRecord({ title: 'Nr 🙂x' });
    const plain = makeCaseRecord({ title: 'Nr ab x' });
    for (const record of [nul, emoji, plain]) {
      await store.createCase(createCommand(record, { register: false }));
    }
    const found = async (search: string): Promise<string[]> =>
      (
        await store.listCases({ visibility: visibilityFilter(actors.registrar), limit: 50, search })
      ).items.map((r) => r.id);
    expect(await found('a\u0000b')).toEqual([nul.id]);
    expect(await found('\u0000')).toEqual([nul.id]);
    expect(await found('\u0000\u0000\u0000')).toEqual([]);
    // Two characters, though three UTF-16 code units: too short for a trigram.
    expect(await found('🙂x')).toEqual([emoji.id]);
    expect(await found('r 🙂')).toEqual([emoji.id]);
    await store.close();
  });

  it('keeps the search index counted as large, so writes do not slow down as it grows', async () => {
    // PRAGMA optimize counted the index's tables at two rows on a new database and kept that;
    // FTS5's merges planned for two rows read the whole index, 0.1 s every fifteenth write at
    // 100,000 cases.
    const statistics = (): unknown[] => {
      const reader = new Database(path.join(dir, 'avvikelse.sqlite'), { readonly: true });
      try {
        return reader
          .prepare("SELECT tbl, idx, stat FROM sqlite_stat1 WHERE tbl LIKE 'cases_search%'")
          .all();
      } finally {
        reader.close();
      }
    };
    const pinned = [{ tbl: 'cases_search_data', idx: null, stat: '1000000' }];
    const store = openLocalStore(dir);
    await store.createCase(createCommand(makeCaseRecord()));
    expect(statistics()).toEqual(pinned);
    await store.close();
    const reopened = openLocalStore(dir);
    expect(statistics()).toEqual(pinned);
    await reopened.close();
  });

  it('lists overdue cases through the covering index and searches through the trigram index', async () => {
    // A new database has no statistics; the plans must not depend on them.
    const store = openLocalStore(dir);
    await store.createCase(createCommand(makeCaseRecord()));
    const officer = { visibility: visibilityFilter(actors.officer), limit: 50 };
    const overdue = { ...officer, deadlineBefore: '2026-03-04T00:00:00+01:00' };
    for (const sort of [
      'receivedAt',
      'nextDeadlineAt',
      'updatedAt',
      'registrationNumber',
    ] as const) {
      const plan = store.explainListCases({ ...overdue, sort });
      for (const steps of [plan.count, plan.page]) {
        expect(steps.join('\n')).toMatch(/USING COVERING INDEX cases_overdue \(next_deadline_ms/);
        expect(steps.join('\n')).not.toMatch(/MULTI-INDEX OR|SCAN c\b/);
      }
    }
    for (const query of [
      { ...officer, search: 'Kista' },
      { ...overdue, search: 'Kista' },
    ]) {
      const plan = store.explainListCases(query);
      for (const steps of [plan.count, plan.page]) {
        expect(steps.join('\n')).toMatch(/SCAN cases_search VIRTUAL TABLE/);
        expect(steps.join('\n')).toMatch(/SEARCH c USING INTEGER PRIMARY KEY \(rowid=\?\)/);
        expect(steps.join('\n')).not.toMatch(/MULTI-INDEX OR|SCAN c\b/);
      }
    }
    await store.close();
  });

  it('gives the same pages and totals through the indexes as filtering the whole list', async () => {
    const store = openLocalStore(dir);
    // Letters in both cases, å/ä/ö, FTS5 and LIKE syntax, NUL and a character outside the BMP.
    const alphabet = [
      'a',
      'B',
      'å',
      'Ä',
      'ö',
      'Ö',
      ' ',
      '-',
      '%',
      '_',
      '"',
      '*',
      ':',
      '(',
      '\u0000',
      '🙂',
    ];
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const groups = ['lexSarahOfficer', 'dpo', 'securityCoordinator'];
    const people = [actors.reporter.id, actors.otherReporter.id, actors.officer.id];
    const records: CaseRecord[] = [];
    for (let i = 0; i < 60; i += 1) {
      const day = String(1 + next(4)).padStart(2, '0');
      const record = makeCaseRecord({
        title: Array.from({ length: 1 + next(10) }, () => alphabet[next(alphabet.length)]).join(''),
        routedGroup: groups[next(groups.length)] as string,
        type: next(3) === 0 ? 'personalDataBreach' : 'lexSarah',
        protectedIdentity: next(8) === 0,
        handlers: next(2) === 0 ? [actors.officer.id] : [],
        assignees: next(5) === 0 ? [actors.investigator.id] : [],
        reporter: { id: people[next(people.length)] as string, name: 'R' },
        receivedAt: `2026-03-${day}T09:00:00+01:00`,
        updatedAt: `2026-04-${day}T09:00:00+02:00`,
        nextDeadlineAt: next(3) === 0 ? null : `2026-05-${day}T09:00:00+02:00`,
      });
      records.push(
        (await store.createCase(createCommand(record, { register: next(4) !== 0 }))).record,
      );
    }
    const pieceOfATitle = fc
      .tuple(fc.nat(records.length - 1), fc.nat(12), fc.nat(4), fc.boolean())
      .map(([index, start, length, upper]) => {
        const text = Array.from(searchedText(records[index] as CaseRecord))
          .slice(start, start + 1 + length)
          .join('');
        return upper ? text.toLocaleUpperCase('sv') : text;
      });
    const anyText = fc
      .array(fc.constantFrom(...alphabet), { maxLength: 5 })
      .map((chars) => chars.join(''));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.values(actors)),
        fc.option(fc.oneof(pieceOfATitle, anyText), { nil: undefined }),
        fc.option(fc.constantFrom('2026-05-01', '2026-05-03', '2026-05-04', '2026-06-01'), {
          nil: undefined,
        }),
        fc.constantFrom<CaseSortKey>(
          'receivedAt',
          'nextDeadlineAt',
          'updatedAt',
          'registrationNumber',
        ),
        fc.constantFrom<'asc' | 'desc'>('asc', 'desc'),
        fc.nat(30),
        fc.integer({ min: 1, max: 20 }),
        async (actor, search, day, sort, direction, offset, limit) => {
          const base: CaseQuery = {
            visibility: visibilityFilter(actor),
            sort,
            direction,
            limit: 1000,
          };
          const all = (await store.listCases(base)).items;
          const text = search?.trim().toLocaleLowerCase('sv') ?? '';
          const deadlineBefore = day === undefined ? undefined : `${day}T12:00:00+02:00`;
          const expected = all.filter(
            (record) =>
              searchedText(record).includes(text) &&
              (deadlineBefore === undefined ||
                (record.nextDeadlineAt !== null &&
                  Date.parse(record.nextDeadlineAt) < Date.parse(deadlineBefore))),
          );
          const page = await store.listCases({
            ...base,
            limit,
            offset,
            ...(search === undefined ? {} : { search }),
            ...(deadlineBefore === undefined ? {} : { deadlineBefore }),
          });
          expect(page.total).toBe(expected.length);
          expect(page.items.map((r) => r.id)).toEqual(
            expected.slice(offset, offset + limit).map((r) => r.id),
          );
        },
      ),
      { numRuns: 300 },
    );
    await store.close();
  });
});
