import Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { open, readFile, rename, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { CaseEvent, CaseRecord, StoredCaseEvent } from '../../core/cases.js';
import {
  ConflictError,
  IdempotencyMismatchError,
  NotFoundError,
  ValidationError,
} from '../../core/errors.js';
import type {
  AccessLogEntry,
  CasePage,
  CaseQuery,
  CaseStore,
  CreateCaseCommand,
  CreateCaseResult,
  DocumentRef,
  NewDocument,
  NewPendingFile,
  PendingFileRef,
  RegistrationRequest,
  UpdateCaseCommand,
} from '../../core/ports.js';
import { caseSearchText as searchText, normalisedSearch } from '../../core/caseQuery.js';
import { formatRegistrationNumber } from '../../core/registrationNumbers.js';
import type { StateEntry, StateStore, StateWrite } from '../../core/stateStore.js';
import { sameStoredDocument } from '../../core/storedDocument.js';
import { migrations } from './migrations.js';

/** Options of the local store; the fault hook exists so tests can crash it at the worst moment. */
export interface LocalStoreOptions {
  /** Folder for the database and the document files (AVVIKELSE_DATA_DIR). */
  dataDir: string;
  /** Called after a document's file is written and before its metadata is committed. */
  afterDocumentFileWritten?: (documentId: string) => void;
  /** How long a write waits for another process holding the database, in ms. */
  busyTimeoutMs?: number;
}

interface CaseRow {
  data: string;
}

const sortColumns = {
  receivedAt: 'received_ms',
  registrationNumber: 'registration_number',
  nextDeadlineAt: 'next_deadline_ms',
  updatedAt: 'updated_ms',
} as const;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The FTS5 query that matches `text` literally: one phrase in double quotes, with any double
 * quote in it doubled. Inside a phrase nothing else is syntax (`*`, `-`, `:`, `(`, `^`, AND…).
 */
function ftsPhrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** The trigram index finds substrings of at least this many characters (code points). */
const minIndexedSearchLength = 3;

/** The SQL of one case-list query; the page and the count share the filter. */
interface ListStatements {
  count: string;
  page: string;
  params: Record<string, string | number>;
}

/** The longest state key, in characters (the StateStore port's limit). */
const maxStateKeyLength = 1000;
/** The largest state value: its UTF-8 JSON text, in bytes (the StateStore port's limit). */
const maxStateValueBytes = 1024 * 1024;

/** A key as it may appear in an error: long keys are cut, since the message reaches logs. */
function keyForMessage(key: string): string {
  return key.length > 100 ? `${key.slice(0, 100)}…` : key;
}

function stateKeyError(key: unknown): ValidationError {
  const shown = typeof key === 'string' ? keyForMessage(key) : '(not a string)';
  return new ValidationError([
    {
      field: shown,
      message: {
        sv: `Nyckeln ska vara en text med 1–${String(maxStateKeyLength)} tecken.`,
        en: `The key must be a string of 1–${String(maxStateKeyLength)} characters.`,
      },
    },
  ]);
}

function checkStateKey(key: unknown): asserts key is string {
  if (typeof key !== 'string' || key.length === 0 || key.length > maxStateKeyLength)
    throw stateKeyError(key);
}

/** Thrown inside the JSON replacer; never leaves `serializeStateValue`. */
class NotJsonError extends Error {}

/**
 * The JSON text of a state value, or a ValidationError naming the key. Functions and symbols are
 * refused wherever they occur because `JSON.stringify` would drop them without a word; the error
 * never carries the value, since state holds report drafts with personal data.
 */
function serializeStateValue(key: string, value: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value, (_name, part: unknown) => {
      if (typeof part === 'function' || typeof part === 'symbol') throw new NotJsonError();
      return part;
    });
  } catch (error) {
    // A cycle or a BigInt makes JSON.stringify throw; its message may quote property names.
    if (!(error instanceof NotJsonError) && !(error instanceof TypeError)) throw error;
    json = undefined;
  }
  if (json === undefined) {
    throw new ValidationError([
      {
        field: keyForMessage(key),
        message: {
          sv: 'Värdet går inte att spara som JSON (funktion, BigInt, cirkulär referens eller odefinierat).',
          en: 'The value cannot be stored as JSON (function, BigInt, circular reference or undefined).',
        },
      },
    ]);
  }
  if (Buffer.byteLength(json, 'utf8') > maxStateValueBytes) {
    throw new ValidationError([
      {
        field: keyForMessage(key),
        message: {
          sv: 'Värdet är större än 1 MiB.',
          en: 'The value is larger than 1 MiB.',
        },
      },
    ]);
  }
  return json;
}

/** The conflict of a state write; says nothing of cases, unlike the default text. */
function stateConflict(): ConflictError {
  return new ConflictError({
    sv: 'Samtalet ändrades samtidigt någon annanstans. Försök igen.',
    en: 'The conversation was changed elsewhere at the same time. Try again.',
  });
}

/** What waiting for another write ends in, whichever way that write went. */
function waited(): void {
  return undefined;
}

/**
 * The embedded registry store: SQLite (WAL) for cases, events, counters, document metadata and
 * the access log, and files under `<dataDir>/documents` for document content. Each command runs
 * in one IMMEDIATE transaction, so concurrent writers — also from other processes — serialise.
 */
export class LocalStore implements CaseStore, StateStore {
  private readonly db: Database.Database;
  private readonly documentsDir: string;
  private readonly tmpDir: string;
  private readonly pendingDir: string;
  private readonly afterDocumentFileWritten: ((documentId: string) => void) | undefined;
  /**
   * Writes under a caller's document id still running, by id: a second write of the same id
   * waits for the first, then finds it stored, instead of renaming its own file over it.
   */
  private readonly documentWrites = new Map<string, Promise<DocumentRef>>();

  private constructor(options: LocalStoreOptions) {
    mkdirSync(options.dataDir, { recursive: true });
    this.documentsDir = path.join(options.dataDir, 'documents');
    this.tmpDir = path.join(options.dataDir, 'tmp');
    this.pendingDir = path.join(options.dataDir, 'pending');
    mkdirSync(this.pendingDir, { recursive: true });
    mkdirSync(this.documentsDir, { recursive: true });
    mkdirSync(this.tmpDir, { recursive: true });
    this.afterDocumentFileWritten = options.afterDocumentFileWritten;
    this.db = new Database(path.join(options.dataDir, 'avvikelse.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma(`busy_timeout = ${String(options.busyTimeoutMs ?? 10_000)}`);
    this.migrate();
    this.db.pragma('optimize=0x10002');
    this.pinSearchIndexStatistics();
    this.removeOrphans();
  }

  /** Opens (creating if needed) the store in `options.dataDir` and brings its schema up to date. */
  static open(options: LocalStoreOptions): LocalStore {
    return new LocalStore(options);
  }

  /** The schema version (number of migrations applied). */
  schemaVersion(): number {
    return Number(this.db.pragma('user_version', { simple: true }));
  }

  /** SQLite's journal mode, for checks that WAL is on. */
  journalMode(): string {
    return String(this.db.pragma('journal_mode', { simple: true }));
  }

  private migrate(): void {
    const applied = this.schemaVersion();
    for (let index = applied; index < migrations.length; index += 1) {
      const sql = migrations[index];
      if (sql === undefined) break;
      this.db
        .transaction(() => {
          this.db.exec(sql);
          this.db.pragma(`user_version = ${String(index + 1)}`);
        })
        .immediate();
    }
  }

  /**
   * `PRAGMA optimize` also measures the search index's own tables, and keeps what it measured
   * while the index grows: on a new database, two rows. FTS5's internal statements planned for
   * two rows read the whole index while merging, so at 100,000 cases every fifteenth case write
   * took about 0.1 s. Its measurements are replaced by one large row count, about what SQLite
   * assumes of a table it has never measured, and the planner reloads them.
   */
  private pinSearchIndexStatistics(): void {
    const statTables = this.db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name IN ('sqlite_stat1', 'sqlite_stat4')",
      )
      .pluck()
      .all() as string[];
    if (!statTables.includes('sqlite_stat1')) return;
    this.db
      .transaction(() => {
        for (const table of statTables) {
          this.db
            .prepare(`DELETE FROM ${table} WHERE tbl LIKE 'cases\\_search\\_%' ESCAPE '\\'`)
            .run();
        }
        this.db
          .prepare(
            "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('cases_search_data', NULL, ?)",
          )
          .run('1000000');
      })
      .immediate();
    this.db.exec('ANALYZE sqlite_schema');
  }

  /**
   * A crash between writing a document file and committing its row leaves a file nobody lists.
   * Such files, and half-written temporary files, are removed at start.
   */
  private removeOrphans(): void {
    for (const name of readdirSync(this.tmpDir))
      rmSync(path.join(this.tmpDir, name), { force: true });
    // A pending file whose row became a document was filed, but the process stopped before the
    // file moved: finish the move. One with neither row was never committed: remove it.
    const pending = this.db.prepare('SELECT 1 FROM pending_files WHERE id = ?').pluck();
    const filed = this.db.prepare('SELECT case_id FROM documents WHERE id = ?').pluck();
    for (const name of readdirSync(this.pendingDir)) {
      if (pending.get(name) !== undefined) continue;
      const caseId = filed.get(name) as string | undefined;
      const from = path.join(this.pendingDir, name);
      if (caseId === undefined) {
        rmSync(from, { force: true });
      } else {
        mkdirSync(path.join(this.documentsDir, caseId), { recursive: true });
        renameSync(from, this.documentPath(caseId, name));
      }
    }
    const known = this.db.prepare('SELECT 1 FROM documents WHERE id = ?').pluck();
    for (const caseDir of readdirSync(this.documentsDir)) {
      const dir = path.join(this.documentsDir, caseDir);
      for (const file of readdirSync(dir)) {
        if (known.get(file) === undefined) rmSync(path.join(dir, file), { force: true });
      }
    }
  }

  private allocate(request: RegistrationRequest): string {
    const next = this.db
      .prepare(
        `INSERT INTO registration_counters (series, year, last_sequence) VALUES (?, ?, 1)
         ON CONFLICT (series, year) DO UPDATE SET last_sequence = last_sequence + 1
         RETURNING last_sequence`,
      )
      .pluck()
      .get(request.series, request.year) as number;
    return formatRegistrationNumber({ ...request, sequence: next });
  }

  private writeCaseRow(record: CaseRecord, insert: boolean): void {
    const params = {
      id: record.id,
      version: record.version,
      type: record.type,
      state: record.state,
      registration_number: record.registrationNumber,
      title: record.title,
      search_text: searchText(record),
      unit: record.unit,
      area: record.area,
      routed_group: record.routedGroup,
      protected: record.protectedIdentity ? 1 : 0,
      reporter_id: record.reporter.id,
      received_ms: Date.parse(record.receivedAt),
      updated_ms: Date.parse(record.updatedAt),
      next_deadline_ms: record.nextDeadlineAt === null ? null : Date.parse(record.nextDeadlineAt),
      report_document_id: record.reportDocumentId,
    };
    const data = JSON.stringify(record);
    if (insert) {
      this.db
        .prepare(
          `INSERT INTO cases (id, version, type, state, registration_number, title, search_text, unit,
             area, routed_group, protected, reporter_id, received_ms, updated_ms, next_deadline_ms,
             report_document_id)
           VALUES (@id, @version, @type, @state, @registration_number, @title, @search_text, @unit,
             @area, @routed_group, @protected, @reporter_id, @received_ms, @updated_ms,
             @next_deadline_ms, @report_document_id)`,
        )
        .run(params);
      this.db.prepare('INSERT INTO case_data (id, data) VALUES (?, ?)').run(record.id, data);
    } else {
      this.db
        .prepare(
          `UPDATE cases SET version = @version, type = @type, state = @state,
             registration_number = @registration_number, title = @title, search_text = @search_text,
             unit = @unit, area = @area, routed_group = @routed_group, protected = @protected,
             reporter_id = @reporter_id, received_ms = @received_ms, updated_ms = @updated_ms,
             next_deadline_ms = @next_deadline_ms, report_document_id = @report_document_id
           WHERE id = @id`,
        )
        .run(params);
      this.db.prepare('UPDATE case_data SET data = ? WHERE id = ?').run(data, record.id);
    }
    this.db.prepare('DELETE FROM case_people WHERE case_id = ?').run(record.id);
    const person = this.db.prepare(
      'INSERT INTO case_people (case_id, relation, person_id) VALUES (?, ?, ?)',
    );
    for (const id of new Set(record.handlers)) person.run(record.id, 'handler', id);
    for (const id of new Set(record.assignees)) person.run(record.id, 'assignee', id);
  }

  private appendEvents(caseId: string, events: CaseEvent[]): void {
    const last = this.db
      .prepare('SELECT COALESCE(MAX(sequence), 0) FROM case_events WHERE case_id = ?')
      .pluck()
      .get(caseId) as number;
    const insert = this.db.prepare(
      'INSERT INTO case_events (case_id, sequence, data) VALUES (?, ?, ?)',
    );
    events.forEach((event, index) => insert.run(caseId, last + index + 1, JSON.stringify(event)));
  }

  private readCase(id: string): CaseRecord | null {
    const row = this.db.prepare('SELECT data FROM case_data WHERE id = ?').get(id) as
      CaseRow | undefined;
    return row ? (JSON.parse(row.data) as CaseRecord) : null;
  }

  createCase(command: CreateCaseCommand): Promise<CreateCaseResult> {
    const run = this.db.transaction((): CreateCaseResult & { moved?: string[] } => {
      const existing = this.db
        .prepare('SELECT fingerprint, case_id FROM idempotency_keys WHERE key = ?')
        .get(command.idempotencyKey) as { fingerprint: string; case_id: string } | undefined;
      if (existing) {
        if (existing.fingerprint !== command.fingerprint) throw new IdempotencyMismatchError();
        const record = this.readCase(existing.case_id);
        if (!record) throw new NotFoundError({ sv: 'Ärendet', en: 'The case' });
        return { record, created: false };
      }
      const record: CaseRecord = command.register
        ? { ...command.record, registrationNumber: this.allocate(command.register) }
        : command.record;
      this.writeCaseRow(record, true);
      this.appendEvents(record.id, command.events);
      this.db
        .prepare('INSERT INTO idempotency_keys (key, fingerprint, case_id) VALUES (?, ?, ?)')
        .run(command.idempotencyKey, command.fingerprint, record.id);
      const moved =
        command.attachPendingFilesOf === undefined
          ? []
          : this.filePendingFiles(command.attachPendingFilesOf, record);
      return { record, created: true, moved };
    });
    return Promise.resolve().then(() => {
      const { moved, ...result } = run.immediate();
      // Rows are committed; now the files follow. A crash here is finished at the next start.
      for (const id of moved ?? []) {
        mkdirSync(path.join(this.documentsDir, result.record.id), { recursive: true });
        renameSync(path.join(this.pendingDir, id), this.documentPath(result.record.id, id));
      }
      return result;
    });
  }

  updateCase(command: UpdateCaseCommand): Promise<CaseRecord> {
    const run = this.db.transaction((): CaseRecord => {
      const current = this.db
        .prepare('SELECT version, registration_number FROM cases WHERE id = ?')
        .get(command.record.id) as
        { version: number; registration_number: string | null } | undefined;
      if (!current) throw new NotFoundError({ sv: 'Ärendet', en: 'The case' });
      if (current.version !== command.expectedVersion) throw new ConflictError();
      const registrationNumber =
        current.registration_number ??
        (command.register ? this.allocate(command.register) : command.record.registrationNumber);
      const record: CaseRecord = {
        ...command.record,
        registrationNumber,
        version: current.version + 1,
      };
      this.writeCaseRow(record, false);
      this.appendEvents(record.id, command.events);
      return record;
    });
    return Promise.resolve().then(() => run.immediate());
  }

  getCase(id: string): Promise<CaseRecord | null> {
    return Promise.resolve(this.readCase(id));
  }

  getCaseByRegistrationNumber(registrationNumber: string): Promise<CaseRecord | null> {
    const row = this.db
      .prepare(
        'SELECT d.data FROM cases c JOIN case_data d ON d.id = c.id WHERE c.registration_number = ?',
      )
      .get(registrationNumber) as CaseRow | undefined;
    return Promise.resolve(row ? (JSON.parse(row.data) as CaseRecord) : null);
  }

  /** The SQL of a list query; one place, so `explainListCases` shows what `listCases` runs. */
  private listStatements(query: CaseQuery): ListStatements {
    const where: string[] = [];
    const params: Record<string, string | number> = {};
    const v = query.visibility;
    if (!v.all) {
      // Plain column tests joined by OR let SQLite search one index per branch (multi-index
      // OR); the named people come from one subquery, evaluated once, not per row.
      params.handler = v.handlerId;
      params.reporter = v.reporterId;
      const branches = [
        'c.reporter_id = @reporter',
        `c.id IN (SELECT p.case_id FROM case_people p JOIN cases h ON h.id = p.case_id
         WHERE p.person_id = @handler
           AND ((p.relation = 'assignee' AND h.protected = 0) OR (p.relation = 'handler' AND h.protected = 1)))`,
      ];
      const groups = v.routedGroups.map((group, i) => {
        params[`group${String(i)}`] = group;
        return `@group${String(i)}`;
      });
      if (groups.length > 0) {
        branches.push(`(c.routed_group IN (${groups.join(', ')}) AND c.protected = 0)`);
      }
      const types = v.types.map((type, i) => {
        params[`vtype${String(i)}`] = type;
        return `@vtype${String(i)}`;
      });
      if (types.length > 0) branches.push(`(c.type IN (${types.join(', ')}) AND c.protected = 0)`);
      where.push(`(${branches.join(' OR ')})`);
    }
    const inList = (column: string, name: string, values: readonly string[] | undefined): void => {
      if (!values || values.length === 0) return;
      const names = values.map((value, i) => {
        params[`${name}${String(i)}`] = value;
        return `@${name}${String(i)}`;
      });
      where.push(`${column} IN (${names.join(', ')})`);
    };
    inList('c.type', 'type', query.types);
    inList('c.state', 'state', query.states);
    if (query.unit !== undefined) {
      where.push('c.unit = @unit');
      params.unit = query.unit;
    }
    if (query.area !== undefined) {
      where.push('c.area = @area');
      params.area = query.area;
    }
    if (query.assignee !== undefined) {
      where.push(
        // Evaluated once as a set, where a correlated EXISTS would run for every row.
        `c.id IN (SELECT a.case_id FROM case_people a WHERE a.person_id = @assignee AND a.relation = 'assignee')`,
      );
      params.assignee = query.assignee;
    }
    if (query.reporterId !== undefined) {
      where.push('c.reporter_id = @reporterId');
      params.reporterId = query.reporterId;
    }
    if (query.deadlineBefore !== undefined) {
      where.push('c.next_deadline_ms IS NOT NULL AND c.next_deadline_ms < @deadlineBefore');
      params.deadlineBefore = Date.parse(query.deadlineBefore);
    }
    const search = normalisedSearch(query.search);
    let indexedSearch = false;
    if (search.includes('\u0000')) {
      // LIKE patterns and FTS5 queries both end at a NUL character; instr compares all of it.
      where.push('instr(c.search_text, @search) > 0');
      params.search = search;
    } else if (Array.from(search).length >= minIndexedSearchLength) {
      // The same text as search_text, matched through the trigram index (migration 5).
      where.push('c.rowid IN (SELECT rowid FROM cases_search WHERE cases_search MATCH @search)');
      params.search = ftsPhrase(search);
      indexedSearch = true;
    } else if (search !== '') {
      // One or two characters make no trigram: read every row the other filters leave.
      where.push(`c.search_text LIKE @search ESCAPE '\\'`);
      params.search = `%${escapeLike(search)}%`;
    }
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    // Overdue walks the covering index of the cases with a deadline (migration 6), named: without
    // statistics (a new or just upgraded database) SQLite prefers one index per visibility branch
    // and reads every visible case. An indexed search drives by its matches instead.
    const overdue = query.deadlineBefore !== undefined && !indexedSearch;
    const from = overdue ? 'cases c INDEXED BY cases_overdue' : 'cases c';
    const sort = query.sort ?? 'receivedAt';
    const column = sortColumns[sort];
    const direction = query.direction === 'asc' ? 'ASC' : 'DESC';
    // Cases without a deadline or number sort last either way (with a deadline filter none is
    // without one). The rowid breaks ties, so pages never overlap, and every index carries it,
    // so the sort can walk the index.
    const nullsLast =
      (sort === 'nextDeadlineAt' && query.deadlineBefore === undefined) ||
      sort === 'registrationNumber'
        ? `c.${column} IS NULL, `
        : '';
    const order = `ORDER BY ${nullsLast}c.${column} ${direction}, c.rowid ${direction}`;
    params.limit = query.limit;
    params.offset = query.offset ?? 0;
    return {
      count: `SELECT COUNT(*) FROM ${from} ${whereSql}`,
      page: `SELECT c.id FROM ${from} ${whereSql} ${order} LIMIT @limit OFFSET @offset`,
      params,
    };
  }

  /**
   * SQLite's plan for the count and the page of a list query (EXPLAIN QUERY PLAN, one line per
   * step), so tests and diagnosis can see which indexes a list uses. Not part of the port.
   */
  explainListCases(query: CaseQuery): { count: string[]; page: string[] } {
    const { count, page, params } = this.listStatements(query);
    const plan = (sql: string): string[] =>
      (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map(
        (row) => row.detail,
      );
    return { count: plan(count), page: plan(page) };
  }

  listCases(query: CaseQuery): Promise<CasePage> {
    const { count, page, params } = this.listStatements(query);
    const read = this.db.transaction(() => {
      const total = this.db.prepare(count).pluck().get(params) as number;
      // Page over the small rows, then read only that page's records.
      const ids = this.db.prepare(page).pluck().all(params) as string[];
      const records = new Map(
        (
          this.db
            .prepare('SELECT id, data FROM case_data WHERE id IN (SELECT value FROM json_each(?))')
            .all(JSON.stringify(ids)) as { id: string; data: string }[]
        ).map((row) => [row.id, row.data]),
      );
      const items = ids.flatMap((id) => {
        const data = records.get(id);
        return data === undefined ? [] : [JSON.parse(data) as CaseRecord];
      });
      return { total, items };
    });
    return Promise.resolve(read.deferred());
  }

  listEvents(caseId: string): Promise<StoredCaseEvent[]> {
    const rows = this.db
      .prepare('SELECT sequence, data FROM case_events WHERE case_id = ? ORDER BY sequence')
      .all(caseId) as { sequence: number; data: string }[];
    return Promise.resolve(
      rows.map((row) => ({
        caseId,
        sequence: row.sequence,
        event: JSON.parse(row.data) as CaseEvent,
      })),
    );
  }

  listCasesMissingReportDocument(): Promise<CaseRecord[]> {
    const rows = this.db
      .prepare(
        'SELECT d.data FROM cases c JOIN case_data d ON d.id = c.id WHERE c.report_document_id IS NULL',
      )
      .all() as CaseRow[];
    return Promise.resolve(rows.map((row) => JSON.parse(row.data) as CaseRecord));
  }

  private documentPath(caseId: string, documentId: string): string {
    return path.join(this.documentsDir, caseId, documentId);
  }

  /** Writes to a temporary file, flushes it to disk, then renames it into place (atomic). */
  private async writeFileDurably(content: Uint8Array, target: string): Promise<void> {
    const temporary = path.join(this.tmpDir, `${randomUUID()}.part`);
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  }

  /**
   * Writes the content to a temporary file, flushes it, renames it into place, and only then
   * commits the metadata row. A crash at any point leaves either a listed, whole document, or
   * no row at all and an unlisted file that the next start removes.
   */
  async putDocument(document: NewDocument): Promise<DocumentRef> {
    const id = document.id;
    if (id === undefined) return this.writeDocument(document, randomUUID());
    const running = this.documentWrites.get(id);
    // The earlier write's outcome, success or failure, is its own caller's; this one only waits.
    const settled = running === undefined ? Promise.resolve() : running.then(waited, waited);
    const write = settled.then(() => this.writeDocument(document, id));
    this.documentWrites.set(id, write);
    try {
      return await write;
    } finally {
      if (this.documentWrites.get(id) === write) this.documentWrites.delete(id);
    }
  }

  private async writeDocument(document: NewDocument, id: string): Promise<DocumentRef> {
    if (!this.readCase(document.caseId)) throw new NotFoundError({ sv: 'Ärendet', en: 'The case' });
    const sha256 = createHash('sha256').update(document.content).digest('hex');
    if (document.id !== undefined) {
      const stored = this.storedDocument(document.id, document.caseId, sha256);
      if (stored !== null) return stored;
    }
    await mkdir(path.join(this.documentsDir, document.caseId), { recursive: true });
    await this.writeFileDurably(document.content, this.documentPath(document.caseId, id));
    this.afterDocumentFileWritten?.(id);
    const ref: DocumentRef = {
      id,
      caseId: document.caseId,
      kind: document.kind,
      name: document.name,
      mediaType: document.mediaType,
      size: document.content.byteLength,
      sha256,
      createdAt: document.createdAt,
      createdBy: document.createdBy,
    };
    // Of two processes racing with one id, the first row stands; the second is given it back.
    const inserted = this.db
      .prepare(
        `INSERT INTO documents (id, case_id, kind, name, media_type, size, sha256, created_at, created_by)
         VALUES (@id, @caseId, @kind, @name, @mediaType, @size, @sha256, @createdAt, @createdBy)
         ON CONFLICT (id) DO NOTHING`,
      )
      .run(ref);
    if (inserted.changes === 0) {
      const stored = this.storedDocument(id, document.caseId, sha256);
      if (stored !== null) return stored;
    }
    return ref;
  }

  /** The document stored under a caller's id, if any; another content under it is a conflict. */
  private storedDocument(id: string, caseId: string, sha256: string): DocumentRef | null {
    const [stored] = this.readDocumentRefs('WHERE id = ?', id);
    return stored === undefined ? null : sameStoredDocument(stored, { caseId, sha256 });
  }

  async getDocument(
    caseId: string,
    documentId: string,
  ): Promise<{ ref: DocumentRef; content: Uint8Array } | null> {
    const ref = this.readDocumentRefs('WHERE case_id = ? AND id = ?', caseId, documentId)[0];
    if (!ref) return null;
    const content = await readFile(this.documentPath(caseId, documentId));
    return { ref, content };
  }

  listDocuments(caseId: string): Promise<DocumentRef[]> {
    return Promise.resolve(
      this.readDocumentRefs('WHERE case_id = ? ORDER BY created_at, rowid', caseId),
    );
  }

  private readDocumentRefs(clause: string, ...params: string[]): DocumentRef[] {
    return this.db
      .prepare(
        `SELECT id, case_id AS caseId, kind, name, media_type AS mediaType, size, sha256,
           created_at AS createdAt, created_by AS createdBy FROM documents ${clause}`,
      )
      .all(...params) as DocumentRef[];
  }

  /** Turns an owner's pending rows into the case's attachment documents (inside a transaction). */
  private filePendingFiles(owner: string, record: CaseRecord): string[] {
    const rows = this.db
      .prepare('SELECT * FROM pending_files WHERE owner = ? ORDER BY created_at, rowid')
      .all(owner) as {
      id: string;
      name: string;
      media_type: string;
      size: number;
      sha256: string;
      created_at: string;
    }[];
    const insert = this.db.prepare(
      `INSERT INTO documents (id, case_id, kind, name, media_type, size, sha256, created_at, created_by)
       VALUES (?, ?, 'attachment', ?, ?, ?, ?, ?, ?)`,
    );
    for (const row of rows) {
      insert.run(
        row.id,
        record.id,
        row.name,
        row.media_type,
        row.size,
        row.sha256,
        row.created_at,
        record.reporter.id,
      );
    }
    this.db.prepare('DELETE FROM pending_files WHERE owner = ?').run(owner);
    return rows.map((row) => row.id);
  }

  async putPendingFile(file: NewPendingFile): Promise<PendingFileRef> {
    const id = randomUUID();
    await this.writeFileDurably(file.content, path.join(this.pendingDir, id));
    const ref: PendingFileRef = {
      id,
      owner: file.owner,
      name: file.name,
      mediaType: file.mediaType,
      size: file.content.byteLength,
      sha256: createHash('sha256').update(file.content).digest('hex'),
      createdAt: file.createdAt,
    };
    this.db
      .prepare(
        `INSERT INTO pending_files (id, owner, name, media_type, size, sha256, created_at)
         VALUES (@id, @owner, @name, @mediaType, @size, @sha256, @createdAt)`,
      )
      .run(ref);
    return ref;
  }

  listPendingFiles(owner: string): Promise<PendingFileRef[]> {
    return Promise.resolve(
      this.db
        .prepare(
          `SELECT id, owner, name, media_type AS mediaType, size, sha256, created_at AS createdAt
           FROM pending_files WHERE owner = ? ORDER BY created_at, rowid`,
        )
        .all(owner) as PendingFileRef[],
    );
  }

  deletePendingFiles(owner: string): Promise<void> {
    const ids = this.db
      .prepare('DELETE FROM pending_files WHERE owner = ? RETURNING id')
      .pluck()
      .all(owner) as string[];
    for (const id of ids) rmSync(path.join(this.pendingDir, id), { force: true });
    return Promise.resolve();
  }

  appendAccessLog(entry: AccessLogEntry): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO access_log (at, actor_id, actor_name, case_id, registration_number, what)
         VALUES (@at, @actorId, @actorName, @caseId, @registrationNumber, @what)`,
      )
      .run(entry);
    return Promise.resolve();
  }

  listAccessLog(query: {
    caseId?: string;
    limit: number;
    offset?: number;
  }): Promise<AccessLogEntry[]> {
    const where = query.caseId === undefined ? '' : 'WHERE case_id = @caseId';
    const rows = this.db
      .prepare(
        `SELECT at, actor_id AS actorId, actor_name AS actorName, case_id AS caseId,
           registration_number AS registrationNumber, what
         FROM access_log ${where} ORDER BY id DESC LIMIT @limit OFFSET @offset`,
      )
      .all({
        caseId: query.caseId,
        limit: query.limit,
        offset: query.offset ?? 0,
      }) as AccessLogEntry[];
    return Promise.resolve(rows);
  }

  lastSequence(series: string, year: number): Promise<number> {
    const last = this.db
      .prepare('SELECT last_sequence FROM registration_counters WHERE series = ? AND year = ?')
      .pluck()
      .get(series, year) as number | undefined;
    return Promise.resolve(last ?? 0);
  }

  readState(keys: readonly string[]): Promise<Record<string, StateEntry>> {
    // Inside `then`, so a refused key rejects the promise rather than throwing at the call.
    return Promise.resolve().then(() => {
      for (const key of keys) checkStateKey(key);
      const select = this.db.prepare('SELECT etag, value FROM bot_state WHERE key = ?');
      // One read transaction: a batch of keys is one snapshot even while other processes write.
      const read = this.db.transaction(() => {
        const entries: Record<string, StateEntry> = {};
        for (const key of new Set(keys)) {
          const row = select.get(key) as { etag: string; value: string } | undefined;
          if (row) entries[key] = { etag: row.etag, value: JSON.parse(row.value) as unknown };
        }
        return entries;
      });
      return read.deferred();
    });
  }

  /**
   * Checks every condition and writes every value in one IMMEDIATE transaction. Etags are random
   * UUIDs rather than counters, so a key deleted and created again never repeats an old etag and a
   * writer holding that old etag cannot succeed by accident.
   */
  writeState(writes: readonly StateWrite[]): Promise<Record<string, string>> {
    return Promise.resolve().then(() => {
      const seen = new Set<string>();
      const prepared = writes.map((write) => {
        checkStateKey(write.key);
        if (seen.has(write.key)) {
          throw new ValidationError([
            {
              field: keyForMessage(write.key),
              message: {
                sv: 'Nyckeln förekommer mer än en gång i samma skrivning.',
                en: 'The key appears more than once in one write.',
              },
            },
          ]);
        }
        seen.add(write.key);
        return { ...write, json: serializeStateValue(write.key, write.value) };
      });
      const current = this.db.prepare('SELECT etag FROM bot_state WHERE key = ?').pluck();
      const upsert = this.db.prepare(
        `INSERT INTO bot_state (key, etag, value, updated_ms) VALUES (@key, @etag, @value, @now)
         ON CONFLICT (key) DO UPDATE SET etag = @etag, value = @value, updated_ms = @now`,
      );
      const run = this.db.transaction((): Record<string, string> => {
        // Every condition before any write; a thrown conflict also rolls the transaction back.
        for (const write of prepared) {
          const expected = write.expectedEtag;
          if (expected === undefined || expected === '*') continue;
          const etag = current.get(write.key) as string | undefined;
          if (expected === null ? etag !== undefined : etag !== expected) throw stateConflict();
        }
        const now = Date.now();
        const etags: Record<string, string> = {};
        for (const write of prepared) {
          const etag = randomUUID();
          upsert.run({ key: write.key, etag, value: write.json, now });
          etags[write.key] = etag;
        }
        return etags;
      });
      return run.immediate();
    });
  }

  deleteState(keys: readonly string[]): Promise<void> {
    return Promise.resolve().then(() => {
      for (const key of keys) checkStateKey(key);
      const remove = this.db.prepare('DELETE FROM bot_state WHERE key = ?');
      const run = this.db.transaction(() => {
        for (const key of keys) remove.run(key);
      });
      run.immediate();
    });
  }

  close(): Promise<void> {
    // Keeps the query planner's statistics current, as SQLite advises before closing.
    if (this.db.open) this.db.pragma('optimize');
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}

/** Opens the local store in a data folder (the embedded default of `npm start`). */
export function openLocalStore(
  dataDir: string,
  options: Omit<LocalStoreOptions, 'dataDir'> = {},
): LocalStore {
  return LocalStore.open({ ...options, dataDir });
}
