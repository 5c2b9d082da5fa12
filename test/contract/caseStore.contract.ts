import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { visibilityFilter } from '../../src/core/access.js';
import { ConflictError, IdempotencyMismatchError } from '../../src/core/errors.js';
import type { CaseStore } from '../../src/core/ports.js';
import { actors, createCommand, makeCaseRecord } from '../fixtures/cases.js';

/** How a contract run gets a fresh, empty store of the adapter under test. */
export interface StoreHarness {
  store: CaseStore;
  /** Frees what the harness made (folders, servers). */
  dispose(): Promise<void>;
}

/**
 * The behaviour every CaseStore adapter must show. The local adapter runs it against SQLite; the
 * SharePoint adapter runs it against the Graph test server. Add a case here, not in one adapter.
 */
export function runCaseStoreContract(
  adapter: string,
  makeHarness: () => Promise<StoreHarness>,
): void {
  describe(`CaseStore contract: ${adapter}`, () => {
    let harness: StoreHarness;
    let store: CaseStore;
    beforeEach(async () => {
      harness = await makeHarness();
      store = harness.store;
    });
    afterEach(async () => {
      await harness.dispose();
    });

    it('stores a case and gives it back unchanged but for the registration number', async () => {
      const record = makeCaseRecord();
      const { record: stored, created } = await store.createCase(createCommand(record));
      expect(created).toBe(true);
      expect(stored.registrationNumber).toBe('AMN 2026-0001-1.3');
      expect(await store.getCase(record.id)).toEqual(stored);
      expect(await store.getCaseByRegistrationNumber('AMN 2026-0001-1.3')).toEqual(stored);
      expect(await store.getCase('no-such-case')).toBeNull();
    });

    it('creates a case without a number when not asked to register it', async () => {
      const { record } = await store.createCase(
        createCommand(makeCaseRecord(), { register: false }),
      );
      expect(record.registrationNumber).toBeNull();
      expect(await store.lastSequence('AMN', 2026)).toBe(0);
    });

    it('yields one case for one idempotency key, however often it is sent', async () => {
      const first = await store.createCase(createCommand(makeCaseRecord(), { key: 'k-1' }));
      const again = await store.createCase(createCommand(makeCaseRecord(), { key: 'k-1' }));
      expect(again.created).toBe(false);
      expect(again.record.id).toBe(first.record.id);
      expect(await store.lastSequence('AMN', 2026)).toBe(1);
    });

    it('refuses a reused key with other content', async () => {
      await store.createCase(createCommand(makeCaseRecord(), { key: 'k-2', fingerprint: 'a' }));
      await expect(
        store.createCase(createCommand(makeCaseRecord(), { key: 'k-2', fingerprint: 'b' })),
      ).rejects.toBeInstanceOf(IdempotencyMismatchError);
    });

    it('gives 50 concurrent submissions 50 distinct consecutive numbers', async () => {
      const results = await Promise.all(
        Array.from({ length: 50 }, () => store.createCase(createCommand(makeCaseRecord()))),
      );
      const sequences = results
        .map((result) => Number(result.record.registrationNumber?.split(/[ -]/)[2]))
        .sort((a, b) => a - b);
      expect(sequences).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(await store.lastSequence('AMN', 2026)).toBe(50);
    });

    it('makes 50 concurrent submissions with one key into one case', async () => {
      const results = await Promise.all(
        Array.from({ length: 50 }, () =>
          store.createCase(createCommand(makeCaseRecord(), { key: 'same-key' })),
        ),
      );
      expect(new Set(results.map((result) => result.record.id)).size).toBe(1);
      expect(results.filter((result) => result.created)).toHaveLength(1);
      const page = await store.listCases({
        visibility: visibilityFilter(actors.registrar),
        limit: 100,
      });
      expect(page.total).toBe(1);
    });

    it('counts per series and year', async () => {
      await store.createCase(createCommand(makeCaseRecord(), { year: 2025 }));
      await store.createCase(createCommand(makeCaseRecord(), { year: 2026 }));
      const other = await store.createCase(
        createCommand(makeCaseRecord(), { series: 'SN', year: 2026 }),
      );
      expect(other.record.registrationNumber).toBe('SN 2026-0001-1.3');
      expect(await store.lastSequence('AMN', 2025)).toBe(1);
      expect(await store.lastSequence('AMN', 2026)).toBe(1);
    });

    it('updates on the expected version and refuses a stale one', async () => {
      const { record } = await store.createCase(createCommand(makeCaseRecord()));
      const updated = await store.updateCase({
        record: { ...record, state: 'underInvestigation' },
        expectedVersion: record.version,
        events: [
          { kind: 'investigationUpdated', at: record.receivedAt, actorId: 'a', actorName: 'A' },
        ],
      });
      expect(updated.version).toBe(record.version + 1);
      expect((await store.getCase(record.id))?.state).toBe('underInvestigation');
      await expect(
        store.updateCase({
          record: { ...record, state: 'closed' },
          expectedVersion: record.version,
          events: [],
        }),
      ).rejects.toBeInstanceOf(ConflictError);
      const events = await store.listEvents(record.id);
      expect(events.map((e) => [e.sequence, e.event.kind])).toEqual([
        [1, 'filed'],
        [2, 'investigationUpdated'],
      ]);
    });

    it('keeps a case of any size whole: a long investigation, a long history', async () => {
      const { record } = await store.createCase(createCommand(makeCaseRecord()));
      // Some 100,000 characters of text and 1,500 events: more than a SharePoint column holds.
      const long = 'Utredaren intervjuade personalen och gick igenom dokumentationen. '.repeat(
        1500,
      );
      const report = { ...record.report, answers: { ...record.report.answers, otherInfo: long } };
      const events = Array.from({ length: 1500 }, (_, n) => ({
        kind: 'investigationUpdated' as const,
        at: record.receivedAt,
        actorId: 'u-investigator',
        actorName: 'Ida Berg',
        detail: `whatHappened#${String(n)}`,
      }));
      const first = await store.updateCase({
        record: { ...record, report } as typeof record,
        expectedVersion: record.version,
        events,
      });
      const second = await store.updateCase({
        record: { ...first, title: 'Lex Sarah-rapport – Jobbtorg Kista, omprövad' },
        expectedVersion: first.version,
        events: [],
      });
      expect(await store.getCase(record.id)).toEqual(second);
      expect((await store.listEvents(record.id)).length).toBe(1 + 1500);
      const page = await store.listCases({
        visibility: visibilityFilter(actors.registrar),
        limit: 10,
      });
      expect(page.items).toEqual([second]);
    });

    it('lets only one of two racing updates win', async () => {
      const { record } = await store.createCase(createCommand(makeCaseRecord()));
      const outcomes = await Promise.allSettled([
        store.updateCase({ record: { ...record, title: 'A' }, expectedVersion: 1, events: [] }),
        store.updateCase({ record: { ...record, title: 'B' }, expectedVersion: 1, events: [] }),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const rejected = outcomes.find((o) => o.status === 'rejected');
      expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(ConflictError);
    });

    it('registers on update when asked and the case has no number', async () => {
      const { record } = await store.createCase(
        createCommand(makeCaseRecord(), { register: false }),
      );
      const registered = await store.updateCase({
        record: { ...record, state: 'registered' },
        expectedVersion: 1,
        events: [],
        register: { series: 'AMN', year: 2026, classification: '1.3' },
      });
      expect(registered.registrationNumber).toBe('AMN 2026-0001-1.3');
    });

    it('lists only what the actor may see, and pages with a total', async () => {
      const mine = makeCaseRecord({ reporter: { id: actors.otherReporter.id, name: 'N' } });
      const breach = makeCaseRecord({ type: 'personalDataBreach', routedGroup: 'dpo' });
      const protectedCase = makeCaseRecord({
        protectedIdentity: true,
        handlers: [actors.officer.id],
      });
      const assigned = makeCaseRecord({
        routedGroup: 'securityCoordinator',
        assignees: [actors.investigator.id],
      });
      for (const record of [mine, breach, protectedCase, assigned]) {
        await store.createCase(createCommand(record));
      }
      const ids = async (actor: (typeof actors)[keyof typeof actors]): Promise<string[]> =>
        (await store.listCases({ visibility: visibilityFilter(actor), limit: 50 })).items
          .map((r) => r.id)
          .sort();
      expect(await ids(actors.otherReporter)).toEqual([mine.id]);
      expect(await ids(actors.dpo)).toEqual([breach.id]);
      expect(await ids(actors.officer)).toEqual([mine.id, protectedCase.id].sort());
      expect(await ids(actors.investigator)).toEqual([mine.id, assigned.id].sort());
      expect(await ids(actors.registrar)).toHaveLength(4);
      const page = await store.listCases({
        visibility: visibilityFilter(actors.registrar),
        limit: 3,
        offset: 3,
        sort: 'receivedAt',
      });
      expect(page.total).toBe(4);
      expect(page.items).toHaveLength(1);
    });

    it('filters by type, state, unit, area, assignee, deadline and search, and sorts', async () => {
      const early = makeCaseRecord({
        receivedAt: '2026-01-05T08:00:00+01:00',
        nextDeadlineAt: '2026-01-06T08:00:00+01:00',
      });
      const late = makeCaseRecord({
        receivedAt: '2026-02-05T08:00:00+01:00',
        state: 'underInvestigation',
        unit: 'Jobbtorg Skärholmen',
        title: 'Lex Sarah-rapport – Jobbtorg Skärholmen',
        assignees: [actors.investigator.id],
      });
      const breach = makeCaseRecord({ type: 'personalDataBreach', area: null, routedGroup: 'dpo' });
      for (const record of [early, late, breach]) await store.createCase(createCommand(record));
      const query = { visibility: visibilityFilter(actors.registrar), limit: 10 };
      const ids = async (extra: object): Promise<string[]> =>
        (await store.listCases({ ...query, ...extra })).items.map((r) => r.id);
      expect(await ids({ types: ['personalDataBreach'] })).toEqual([breach.id]);
      expect(await ids({ states: ['underInvestigation'] })).toEqual([late.id]);
      expect(await ids({ unit: 'Jobbtorg Skärholmen' })).toEqual([late.id]);
      expect((await ids({ area: 'jobCentre' })).sort()).toEqual([early.id, late.id].sort());
      expect(await ids({ assignee: actors.investigator.id })).toEqual([late.id]);
      expect(await ids({ reporterId: 'nobody' })).toEqual([]);
      expect((await ids({ reporterId: actors.reporter.id })).sort()).toEqual(
        [early.id, late.id, breach.id].sort(),
      );
      expect(await ids({ deadlineBefore: '2026-01-07T00:00:00+01:00' })).toEqual([early.id]);
      expect(await ids({ search: 'SKÄRHOLMEN' })).toEqual([late.id]);
      expect(await ids({ search: 'amn 2026-0001' })).toEqual([early.id]);
      expect(await ids({ search: '100%_' })).toEqual([]);
      expect(await ids({ types: ['lexSarah'], sort: 'receivedAt', direction: 'asc' })).toEqual([
        early.id,
        late.id,
      ]);
      expect(await ids({ types: ['lexSarah'], sort: 'receivedAt', direction: 'desc' })).toEqual([
        late.id,
        early.id,
      ]);
      expect((await ids({ sort: 'nextDeadlineAt', direction: 'asc' }))[0]).toBe(early.id);
      expect(await ids({ sort: 'registrationNumber', direction: 'asc' })).toEqual([
        early.id,
        late.id,
        breach.id,
      ]);
    });

    describe('search', () => {
      const found = async (search: string): Promise<string[]> =>
        (
          await store.listCases({
            visibility: visibilityFilter(actors.registrar),
            limit: 50,
            search,
          })
        ).items
          .map((r) => r.id)
          .sort();

      it('finds a substring inside a title or a registration number, in any letter case', async () => {
        const kista = makeCaseRecord({ title: 'Lex Sarah-rapport – Jobbtorg Kista' });
        const skarholmen = makeCaseRecord({ title: 'Lex Sarah-rapport – Jobbtorg Skärholmen' });
        const are = makeCaseRecord({ title: 'Personuppgiftsincident – Ärende i Åre, Östermalm' });
        for (const record of [kista, skarholmen, are]) {
          await store.createCase(createCommand(record));
        }
        expect(await found('torg Ki')).toEqual([kista.id]);
        expect(await found('TORG KI')).toEqual([kista.id]);
        expect(await found('ärholm')).toEqual([skarholmen.id]);
        expect(await found('ÄRHOLM')).toEqual([skarholmen.id]);
        expect(await found('ÄrHoLm')).toEqual([skarholmen.id]);
        expect(await found('åre, öst')).toEqual([are.id]);
        expect(await found('ÅRE, ÖST')).toEqual([are.id]);
        expect(await found('  ärende i  ')).toEqual([are.id]);
        // AMN 2026-0001-1.3, -0002- and -0003-, in the order they were created.
        expect(await found('6-0002-1')).toEqual([skarholmen.id]);
        expect(await found('026-000')).toEqual([kista.id, skarholmen.id, are.id].sort());
        expect(await found('-0003')).toEqual([are.id]);
        // One and two characters are substrings too.
        expect(await found('KI')).toEqual([kista.id]);
        expect(await found('År')).toEqual([are.id]);
        expect(await found('Ö')).toEqual([are.id]);
        expect(await found('kistan')).toEqual([]);
      });

      it('finds a protected case by its registration number only, never by title or unit', async () => {
        const hidden = makeCaseRecord({
          title: 'Lex Sarah-rapport – Boendestöd Skärholmen',
          unit: 'Boendestöd Skärholmen',
          protectedIdentity: true,
          handlers: ['u-officer'],
        });
        const { record } = await store.createCase(createCommand(hidden));
        expect(await found('skärholmen')).toEqual([]);
        expect(await found('Boendestöd')).toEqual([]);
        expect(await found('Lex Sarah')).toEqual([]);
        expect(await found(record.registrationNumber ?? 'unregistered')).toEqual([record.id]);
      });

      it('finds a case by its new title and number after an update, not by the old', async () => {
        const { record } = await store.createCase(
          createCommand(makeCaseRecord({ title: 'Rapport – Jobbtorg Kista' }), { register: false }),
        );
        expect(await found('kista')).toEqual([record.id]);
        expect(await found('2026-0001')).toEqual([]);
        const updated = await store.updateCase({
          record: { ...record, title: 'Rapport – Jobbtorg Husby' },
          expectedVersion: record.version,
          events: [],
          register: { series: 'AMN', year: 2026, classification: '1.3' },
        });
        expect(await found('kista')).toEqual([]);
        expect(await found('torg husb')).toEqual([record.id]);
        expect(await found('2026-0001')).toEqual([record.id]);
        // A later update that keeps the title keeps the case findable.
        await store.updateCase({
          record: { ...updated, state: 'underInvestigation' },
          expectedVersion: updated.version,
          events: [],
        });
        expect(await found('husby')).toEqual([record.id]);
      });

      it.each(['%', '_', '*', '"', '-', ':', '(', ')', '\\', "'", '^', '+'])(
        'takes %s in a search as a literal character',
        async (c) => {
          // Without registration numbers, whose dashes and dots would match as well.
          const literal = makeCaseRecord({ title: `Nr a${c}b` });
          const decoys = [makeCaseRecord({ title: 'Nr axb' }), makeCaseRecord({ title: 'Nr ab' })];
          for (const record of [literal, ...decoys]) {
            await store.createCase(createCommand(record, { register: false }));
          }
          expect(await found(`a${c}b`)).toEqual([literal.id]);
          expect(await found(`nr a${c}`)).toEqual([literal.id]);
          expect(await found(`${c}b`)).toEqual([literal.id]);
          expect(await found(c)).toEqual([literal.id]);
          for (const search of [`${c}${c}${c}`, `"a${c}b"`, `a${c}b*`, `a${c}b OR nr`, `${c}nr`]) {
            expect(await found(search)).toEqual([]);
          }
        },
      );
    });

    it('stores documents whole and lists them per case', async () => {
      const { record } = await store.createCase(createCommand(makeCaseRecord()));
      const content = new TextEncoder().encode('%PDF-1.7 åäö');
      const ref = await store.putDocument({
        caseId: record.id,
        kind: 'report',
        name: 'rapport.pdf',
        mediaType: 'application/pdf',
        content,
        createdBy: 'system',
        createdAt: record.receivedAt,
      });
      expect(ref.size).toBe(content.byteLength);
      expect(ref.sha256).toMatch(/^[0-9a-f]{64}$/);
      const read = await store.getDocument(record.id, ref.id);
      expect(Buffer.from(read?.content ?? []).equals(Buffer.from(content))).toBe(true);
      expect(await store.listDocuments(record.id)).toEqual([ref]);
      expect(await store.getDocument('other-case', ref.id)).toBeNull();
    });

    it('stores a document under the caller’s id once, however often it is sent', async () => {
      const { record } = await store.createCase(createCommand(makeCaseRecord()));
      const id = '5d0c1e2a-3b4c-4d5e-8f60-718293a4b5c6';
      const document = (name: string, text: string) => ({
        id,
        caseId: record.id,
        kind: 'report' as const,
        name,
        mediaType: 'application/pdf',
        content: new TextEncoder().encode(text),
        createdBy: 'system',
        createdAt: record.receivedAt,
      });
      const first = await store.putDocument(document(`${record.id} rapport.pdf`, '%PDF-1.7 a'));
      const [again, racing] = await Promise.all([
        store.putDocument(document(`${record.id} rapport.pdf`, '%PDF-1.7 a')),
        // The same content under a new name (the case got its number meanwhile): the same one.
        store.putDocument(document('AMN 2026-0001-1.3 rapport.pdf', '%PDF-1.7 a')),
      ]);
      expect(first.id).toBe(id);
      expect(again).toEqual(first);
      expect(racing).toEqual(first);
      expect(await store.listDocuments(record.id)).toEqual([first]);
      await expect(
        store.putDocument(document('rapport.pdf', '%PDF-1.7 something else')),
      ).rejects.toBeInstanceOf(ConflictError);
      expect(await store.listDocuments(record.id)).toEqual([first]);
    });

    it('lists the cases still missing their report document', async () => {
      const { record } = await store.createCase(createCommand(makeCaseRecord()));
      expect((await store.listCasesMissingReportDocument()).map((r) => r.id)).toEqual([record.id]);
      await store.updateCase({
        record: { ...record, reportDocumentId: 'doc-1' },
        expectedVersion: 1,
        events: [],
      });
      expect(await store.listCasesMissingReportDocument()).toEqual([]);
    });

    it('keeps files sent before filing and moves them onto the case when it is created', async () => {
      const bytes = new TextEncoder().encode('%PDF-1.7 bilaga');
      const base = { mediaType: 'application/pdf', createdAt: '2026-03-02T09:00:00+01:00' };
      const mine = await store.putPendingFile({
        ...base,
        owner: 'u-reporter:draft-1',
        name: 'a.pdf',
        content: bytes,
      });
      await store.putPendingFile({
        ...base,
        owner: 'u-reporter:draft-1',
        name: 'b.pdf',
        content: bytes,
      });
      const theirs = await store.putPendingFile({
        ...base,
        owner: 'u-other:draft-9',
        name: 'c.pdf',
        content: bytes,
      });
      expect(mine.size).toBe(bytes.byteLength);
      expect((await store.listPendingFiles('u-reporter:draft-1')).map((f) => f.name)).toEqual([
        'a.pdf',
        'b.pdf',
      ]);

      const { record } = await store.createCase({
        ...createCommand(makeCaseRecord(), { key: 'u-reporter:draft-1' }),
        attachPendingFilesOf: 'u-reporter:draft-1',
      });
      const documents = await store.listDocuments(record.id);
      expect(documents.map((d) => [d.name, d.kind])).toEqual([
        ['a.pdf', 'attachment'],
        ['b.pdf', 'attachment'],
      ]);
      expect(documents[0]?.id).toBe(mine.id);
      const read = await store.getDocument(record.id, mine.id);
      expect(Buffer.from(read?.content ?? []).equals(Buffer.from(bytes))).toBe(true);
      expect(await store.listPendingFiles('u-reporter:draft-1')).toEqual([]);
      expect((await store.listPendingFiles('u-other:draft-9')).map((f) => f.id)).toEqual([
        theirs.id,
      ]);

      // A retry under the same key returns the case and files nothing twice.
      await store.createCase({
        ...createCommand(makeCaseRecord(), { key: 'u-reporter:draft-1' }),
        attachPendingFilesOf: 'u-reporter:draft-1',
      });
      expect(await store.listDocuments(record.id)).toHaveLength(2);

      await store.deletePendingFiles('u-other:draft-9');
      expect(await store.listPendingFiles('u-other:draft-9')).toEqual([]);
    });

    it('keeps the access log in order, newest first, filterable by case', async () => {
      const base = { actorId: 'u-officer', actorName: 'Lena Sarin', registrationNumber: null };
      await store.appendAccessLog({
        ...base,
        at: '2026-01-01T10:00:00+01:00',
        caseId: 'c1',
        what: 'case',
      });
      await store.appendAccessLog({
        ...base,
        at: '2026-01-01T11:00:00+01:00',
        caseId: 'c2',
        what: 'case',
      });
      await store.appendAccessLog({
        ...base,
        at: '2026-01-01T12:00:00+01:00',
        caseId: 'c1',
        what: 'document:d',
      });
      const all = await store.listAccessLog({ limit: 10 });
      expect(all.map((e) => e.at)).toEqual([
        '2026-01-01T12:00:00+01:00',
        '2026-01-01T11:00:00+01:00',
        '2026-01-01T10:00:00+01:00',
      ]);
      expect((await store.listAccessLog({ caseId: 'c1', limit: 10 })).map((e) => e.what)).toEqual([
        'document:d',
        'case',
      ]);
    });
  });
}
