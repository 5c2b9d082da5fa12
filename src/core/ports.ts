import type { VisibilityFilter } from './access.js';
import type { CaseEvent, CaseRecord, StoredCaseEvent } from './cases.js';
import type { DeviationType } from './fields.js';
import type { CaseState } from './workflow.js';

/**
 * The store port: everything the core needs from a registry store. The local adapter (SQLite and
 * files) and the SharePoint adapter (Graph) implement it and pass one contract suite.
 * Every write is one atomic command: it happens entirely or not at all.
 */

/** A registration number to allocate atomically with the write that needs it. */
export interface RegistrationRequest {
  series: string;
  year: number;
  classification: string;
}

/** Writing a new case: a submission, with its idempotency key. */
export interface CreateCaseCommand {
  record: CaseRecord;
  events: CaseEvent[];
  idempotencyKey: string;
  /** A digest of the submission, so a reused key with other content is told apart from a retry. */
  fingerprint: string;
  /** Allocate a number and set `record.registrationNumber` in the same transaction. */
  register?: RegistrationRequest;
  /** Move the pending files of this owner onto the new case, as attachments, atomically. */
  attachPendingFilesOf?: string;
}

/** A file received before its case exists (a report's attachment), kept under an owner key. */
export interface PendingFileRef {
  id: string;
  owner: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  createdAt: string;
}

/** A pending file to store. */
export interface NewPendingFile {
  owner: string;
  name: string;
  mediaType: string;
  content: Uint8Array;
  createdAt: string;
}

/** The outcome of creating a case: the stored case, and whether this call created it. */
export interface CreateCaseResult {
  record: CaseRecord;
  created: boolean;
}

/** Changing a case that exists, based on the version the change was made from. */
export interface UpdateCaseCommand {
  record: CaseRecord;
  expectedVersion: number;
  events: CaseEvent[];
  register?: RegistrationRequest;
}

/** Sort keys of the case list. */
export type CaseSortKey = 'receivedAt' | 'registrationNumber' | 'nextDeadlineAt' | 'updatedAt';

/** A query of the case list; every store applies `visibility` inside the query itself. */
export interface CaseQuery {
  visibility: VisibilityFilter;
  types?: readonly DeviationType[];
  states?: readonly CaseState[];
  unit?: string;
  area?: string;
  assignee?: string;
  /** Only cases this person reported ("Mina rapporter"). */
  reporterId?: string;
  /** Only cases whose next deadline is before this instant. */
  deadlineBefore?: string;
  /** Matches registration number or title (case-insensitive substring). */
  search?: string;
  sort?: CaseSortKey;
  direction?: 'asc' | 'desc';
  limit: number;
  offset?: number;
}

/** One page of the case list. */
export interface CasePage {
  items: CaseRecord[];
  total: number;
}

/** Metadata of a stored document or attachment. */
export interface DocumentRef {
  id: string;
  caseId: string;
  kind: 'report' | 'investigation' | 'decision' | 'attachment';
  name: string;
  mediaType: string;
  size: number;
  /** SHA-256 of the content, hex. */
  sha256: string;
  createdAt: string;
  createdBy: string;
}

/** A document to store. */
export interface NewDocument {
  /**
   * An id the caller chooses makes the write idempotent: storing the same id again (a retry
   * after an answer was lost, a second server doing the same work) gives back the document
   * already stored, and a different content under that id is a ConflictError. Without one the
   * store makes a fresh id, and each call stores a new document.
   */
  id?: string;
  caseId: string;
  kind: DocumentRef['kind'];
  name: string;
  mediaType: string;
  content: Uint8Array;
  createdBy: string;
  createdAt: string;
}

/** One read of a protected case: who, when, what. Append-only. */
export interface AccessLogEntry {
  at: string;
  actorId: string;
  actorName: string;
  caseId: string;
  registrationNumber: string | null;
  /** What was read: the case, a document id. */
  what: string;
}

/** The store port. */
export interface CaseStore {
  /** Creates a case, or returns the one created before under the same idempotency key. */
  createCase(command: CreateCaseCommand): Promise<CreateCaseResult>;
  /** Stores a changed case if nobody changed it since `expectedVersion`; else ConflictError. */
  updateCase(command: UpdateCaseCommand): Promise<CaseRecord>;
  getCase(id: string): Promise<CaseRecord | null>;
  getCaseByRegistrationNumber(registrationNumber: string): Promise<CaseRecord | null>;
  listCases(query: CaseQuery): Promise<CasePage>;
  listEvents(caseId: string): Promise<StoredCaseEvent[]>;
  /** Cases whose report document was never stored (a crash after filing); to render again. */
  listCasesMissingReportDocument(): Promise<CaseRecord[]>;
  /** Stores a document; after a crash in the middle it is either whole and listed, or absent. */
  putDocument(document: NewDocument): Promise<DocumentRef>;
  /**
   * A document and its content. `asHandler`: the reader handles the case, so a store that can
   * check the read against its own permissions as that person (SharePoint, on-behalf-of) does,
   * and answers null when they refuse it.
   */
  getDocument(
    caseId: string,
    documentId: string,
    options?: { asHandler?: boolean },
  ): Promise<{ ref: DocumentRef; content: Uint8Array } | null>;
  listDocuments(caseId: string): Promise<DocumentRef[]>;
  /** Keeps a file for a report not yet filed; createCase moves it onto the case. */
  putPendingFile(file: NewPendingFile): Promise<PendingFileRef>;
  listPendingFiles(owner: string): Promise<PendingFileRef[]>;
  /** Removes an owner's pending files (a cancelled report). */
  deletePendingFiles(owner: string): Promise<void>;
  appendAccessLog(entry: AccessLogEntry): Promise<void>;
  listAccessLog(query: {
    caseId?: string;
    limit: number;
    offset?: number;
  }): Promise<AccessLogEntry[]>;
  /** The last sequence allocated in a series and year (0 when none). */
  lastSequence(series: string, year: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * Tells the people who handle a new case that it came in: the routed group, or a protected
 * case's named handlers only. A notification holds the type, the registration number and a
 * link, never case details (SPEC §5); a protected case's not even its type (SPEC §6).
 */
export interface NewCaseNotifier {
  notifyNewCase(record: CaseRecord): Promise<void>;
}
