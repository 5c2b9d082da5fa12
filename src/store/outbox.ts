import Database from 'better-sqlite3';
import { StoreUnavailableError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
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
  UpdateCaseCommand,
} from '../core/ports.js';
import type { CaseRecord, StoredCaseEvent } from '../core/cases.js';

/**
 * The filing outbox: a store decorator that never loses a submission to a remote registry that
 * is down or throttling. Every filing is written to a local SQLite outbox first (write-ahead),
 * then sent; when the remote store gives up with a transient failure (its retry budget spent),
 * the filing stays queued and the caller gets the case as submitted, without a number yet.
 * {@link OutboxCaseStore.drain} sends queued filings again under their own idempotency keys, so
 * a filing that in fact reached the registry is completed there, never made twice.
 */

/** How the outbox is made. */
export interface OutboxOptions {
  /** The SQLite file of the outbox (in AVVIKELSE_DATA_DIR). */
  file: string;
  /** Whether a failure may pass if tried again later (Graph: GraphError.transient). */
  isTransient: (error: unknown) => boolean;
  logger: Logger;
}

/** What a drain did. */
export interface DrainResult {
  completed: number;
  stillQueued: number;
}

/** A {@link CaseStore} whose filings survive the remote store's outages. */
export class OutboxCaseStore implements CaseStore {
  private readonly db: Database.Database;
  /** Keys whose filing is being sent right now by this process: a drain leaves them alone. */
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly inner: CaseStore,
    private readonly options: OutboxOptions,
  ) {
    this.db = new Database(options.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS outbox (
         idempotency_key TEXT PRIMARY KEY,
         case_id TEXT NOT NULL,
         command TEXT NOT NULL,
         queued_at TEXT NOT NULL,
         attempts INTEGER NOT NULL DEFAULT 0
       );
       CREATE INDEX IF NOT EXISTS outbox_case ON outbox (case_id);`,
    );
  }

  /** How many filings wait to be sent. */
  queued(): number {
    return this.db.prepare('SELECT COUNT(*) FROM outbox').pluck().get() as number;
  }

  async createCase(command: CreateCaseCommand): Promise<CreateCaseResult> {
    this.db
      .prepare(
        `INSERT INTO outbox (idempotency_key, case_id, command, queued_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (idempotency_key) DO NOTHING`,
      )
      .run(
        command.idempotencyKey,
        command.record.id,
        JSON.stringify(command),
        new Date().toISOString(),
      );
    this.inFlight.add(command.idempotencyKey);
    try {
      const result = await this.inner.createCase(command);
      this.forget(command.idempotencyKey);
      return result;
    } catch (error) {
      if (!this.options.isTransient(error)) {
        // The registry refused the filing itself (a reused key, bad data): not for the outbox.
        this.forget(command.idempotencyKey);
        throw error;
      }
      this.options.logger.warn({ err: error }, 'filing queued in the outbox');
      return { record: command.record, created: true };
    } finally {
      this.inFlight.delete(command.idempotencyKey);
    }
  }

  /** Sends every queued filing once more; those still failing transiently stay queued. */
  async drain(): Promise<DrainResult> {
    const rows = this.db
      .prepare('SELECT idempotency_key AS key, command FROM outbox ORDER BY queued_at')
      .all() as { key: string; command: string }[];
    let completed = 0;
    for (const row of rows) {
      if (this.inFlight.has(row.key)) continue;
      this.inFlight.add(row.key);
      try {
        await this.inner.createCase(JSON.parse(row.command) as CreateCaseCommand);
        this.forget(row.key);
        completed++;
      } catch (error) {
        if (!this.options.isTransient(error)) {
          // Kept, not dropped: a person must look at a filing the registry refuses.
          this.options.logger.error({ err: error }, 'queued filing refused by the registry');
        }
        this.db
          .prepare('UPDATE outbox SET attempts = attempts + 1 WHERE idempotency_key = ?')
          .run(row.key);
      } finally {
        this.inFlight.delete(row.key);
      }
    }
    return { completed, stillQueued: this.queued() };
  }

  /**
   * Everything but filing needs the registry now: a failure that may pass is said as the
   * domain's "unavailable" (503, or the bot's "try again"), nothing changed.
   */
  private async guard<T>(operation: Promise<T>): Promise<T> {
    try {
      return await operation;
    } catch (error) {
      if (this.options.isTransient(error)) throw new StoreUnavailableError({ cause: error });
      throw error;
    }
  }

  private forget(key: string): void {
    this.db.prepare('DELETE FROM outbox WHERE idempotency_key = ?').run(key);
  }

  updateCase(command: UpdateCaseCommand): Promise<CaseRecord> {
    return this.guard(this.inner.updateCase(command));
  }
  /** The case, or, while its filing waits in the outbox, the case as it was submitted. */
  async getCase(id: string): Promise<CaseRecord | null> {
    const stored = await this.guard(this.inner.getCase(id));
    if (stored !== null) return stored;
    const queued = this.db
      .prepare('SELECT command FROM outbox WHERE case_id = ?')
      .pluck()
      .get(id) as string | undefined;
    if (queued !== undefined) return (JSON.parse(queued) as CreateCaseCommand).record;
    return null;
  }
  getCaseByRegistrationNumber(registrationNumber: string): Promise<CaseRecord | null> {
    return this.guard(this.inner.getCaseByRegistrationNumber(registrationNumber));
  }
  listCases(query: CaseQuery): Promise<CasePage> {
    return this.guard(this.inner.listCases(query));
  }
  listEvents(caseId: string): Promise<StoredCaseEvent[]> {
    return this.guard(this.inner.listEvents(caseId));
  }
  listCasesMissingReportDocument(): Promise<CaseRecord[]> {
    return this.guard(this.inner.listCasesMissingReportDocument());
  }
  putDocument(document: NewDocument): Promise<DocumentRef> {
    return this.guard(this.inner.putDocument(document));
  }
  getDocument(
    caseId: string,
    documentId: string,
    options?: { asHandler?: boolean },
  ): Promise<{ ref: DocumentRef; content: Uint8Array } | null> {
    return this.guard(this.inner.getDocument(caseId, documentId, options));
  }
  listDocuments(caseId: string): Promise<DocumentRef[]> {
    return this.guard(this.inner.listDocuments(caseId));
  }
  putPendingFile(file: NewPendingFile): Promise<PendingFileRef> {
    return this.guard(this.inner.putPendingFile(file));
  }
  listPendingFiles(owner: string): Promise<PendingFileRef[]> {
    return this.guard(this.inner.listPendingFiles(owner));
  }
  deletePendingFiles(owner: string): Promise<void> {
    return this.guard(this.inner.deletePendingFiles(owner));
  }
  appendAccessLog(entry: AccessLogEntry): Promise<void> {
    return this.guard(this.inner.appendAccessLog(entry));
  }
  listAccessLog(query: {
    caseId?: string;
    limit: number;
    offset?: number;
  }): Promise<AccessLogEntry[]> {
    return this.guard(this.inner.listAccessLog(query));
  }
  lastSequence(series: string, year: number): Promise<number> {
    return this.guard(this.inner.lastSequence(series, year));
  }
  async close(): Promise<void> {
    this.db.close();
    await this.inner.close();
  }
}
