import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { applyCaseQuery } from '../core/caseQuery.js';
import { stderrLogger, type Logger } from '../core/logger.js';
import type { CaseEvent, CaseRecord, StoredCaseEvent } from '../core/cases.js';
import { ConflictError, IdempotencyMismatchError, NotFoundError } from '../core/errors.js';
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
import { sameStoredDocument } from '../core/storedDocument.js';
import {
  downloadFile,
  driveItemSchema,
  drivePath,
  uploadFile,
  type DriveItem,
} from './driveFiles.js';
import { GraphError } from './errors.js';
import type { GraphBatchRequest, GraphBatchResult, GraphClient } from './graphClient.js';
import {
  createItem,
  etagOf,
  fieldsFilter,
  getItem,
  listItemSchema,
  numberField,
  patchFields,
  queryItems,
  textField,
  type FieldValue,
  type ListItem,
} from './listItems.js';
import { encodeDrivePath, encodeSegment } from './paths.js';
import { inviteBody, itemPath, restrictItem } from './permissions.js';
import { RegistrationCounter } from './registrationCounter.js';
import {
  accessLogColumn,
  caseFolderPath,
  libraryColumn as col,
  registryFolders,
  registryLists,
  safeName,
  type LibraryItemKind,
} from './registryLayout.js';

/**
 * The store port on SharePoint through Microsoft Graph: the production registry.
 *
 * A case is a folder in the registry library; its metadata columns carry what lists filter on,
 * and two JSON columns the record and its events, changed together in one PATCH under
 * `If-Match` (SharePoint's optimistic concurrency, the counterpart of the local store's
 * transaction). Documents and attachments are files in the folder, described by columns.
 *
 * Filing is made idempotent and crash-safe by a journal: the first write of a submission is a
 * file named by its idempotency key, created with `conflictBehavior=fail`, holding everything the
 * filing needs. Every later step (folder, record, number, attachments) checks before it writes,
 * so any retry — the same request again, or the outbox after a crash — completes the filing
 * instead of repeating it.
 */

/** Where the registry is: found by {@link openSharePointStore}, or given by provisioning. */
export interface RegistryLocation {
  siteId: string;
  driveId: string;
  libraryListId: string;
  counterListId: string;
  accessLogListId: string;
}

/** How the adapter behaves; every option has a production default. */
export interface SharePointBehaviour {
  /** For contended retries (registration counter); injected by tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /**
   * The Entra object id of a product user id (a protected case's named handlers), to grant the
   * case folder to. In production the product's user id is the object id (the token's `oid`),
   * which is the default; anything that is not an object id is refused, never granted loosely.
   */
  principalOf?: (userId: string) => string;
  /**
   * Sends the requests of one step that do not need each other's answers as one JSON `$batch`
   * (default true). Off only to measure what batching saves (`npm run bench`).
   */
  batching?: boolean;
  /**
   * A Graph client that acts on behalf of the signed-in user, when there is one: a handler's
   * read of a document goes through it, so SharePoint's own permissions (security trimming)
   * check the read again after the product's policy allowed it.
   */
  userReadClient?: () => GraphClient | null;
  /** Where a disagreement between SharePoint's permissions and the routing is reported. */
  logger?: Logger;
}

/** What the adapter needs. */
export interface SharePointStoreOptions extends RegistryLocation, SharePointBehaviour {
  client: GraphClient;
}

/**
 * JSON columns longer than this go to a file in the case folder: a plain Note field holds 63,999
 * characters, and a long investigation with its case log can outgrow that.
 */
const maxColumnJsonChars = 60_000;
/** The key of a JSON column that points to its file instead of holding the JSON. */
const spilledKey = '$file';
const spilledSchema = z.object({ [spilledKey]: z.string().min(1) }).strict();

/** Files up to this size travel inside a `$batch` (base64); larger ones in a request of their own. */
const maxBatchedFileBytes = 1024 * 1024;

const listsSchema = z.object({
  value: z.array(z.object({ id: z.string(), displayName: z.string().optional() })),
});
const idSchema = z.object({ id: z.string() });

/** Finds the registry's drive and lists on a site (as provisioned). */
export async function locateRegistry(
  client: GraphClient,
  siteId: string,
): Promise<RegistryLocation> {
  const site = `/sites/${encodeSegment(siteId)}`;
  const drive = await client.json({ method: 'GET', path: `${site}/drive` }, idSchema);
  const library = await client.json({ method: 'GET', path: `${site}/drive/list` }, idSchema);
  const lists = await client.json({ method: 'GET', path: `${site}/lists` }, listsSchema);
  const find = (displayName: string): string => {
    const list = lists.value.find((l) => l.displayName === displayName);
    if (list === undefined) {
      throw new GraphError('notFound', { code: 'registryListMissing', pattern: displayName });
    }
    return list.id;
  };
  return {
    siteId,
    driveId: drive.id,
    libraryListId: library.id,
    counterListId: find(registryLists.counters.displayName),
    accessLogListId: find(registryLists.accessLog.displayName),
  };
}

/** The journal of one submission, stored under its idempotency key. */
const journalSchema = z.object({
  caseId: z.string(),
  fingerprint: z.string(),
  /** Tells this attempt's own journal apart from an earlier attempt's. */
  attempt: z.string(),
  record: z.custom<CaseRecord>((value) => typeof value === 'object' && value !== null),
  events: z.array(z.custom<CaseEvent>((value) => typeof value === 'object' && value !== null)),
  register: z
    .object({ series: z.string(), year: z.number(), classification: z.string() })
    .optional(),
  attachPendingFilesOf: z.string().optional(),
});
type Journal = z.infer<typeof journalSchema>;

/** A case folder's item as read: record, events, eTag, and where its folder is. */
interface CaseItem {
  listItemId: string;
  etag: string;
  folderId: string;
  version: number;
  record: CaseRecord;
  events: CaseEvent[];
}

function sha256(content: Uint8Array | string): string {
  return createHash('sha256').update(content).digest('hex');
}

function isGraphReason(error: unknown, reason: GraphError['reason']): boolean {
  return error instanceof GraphError && error.reason === reason;
}

const caseNotFound = { sv: 'Ärendet', en: 'The case' };

/** How many cases' last reads the store keeps for the update that follows them. */
const lastReadLimit = 256;

/** The journal file of an idempotency key: named by its digest, so no key reaches a path. */
function journalName(key: string): string {
  return `${sha256(key)}.json`;
}

/** A document's file name: its id first, so the name is its own and never clashes. */
function documentFileName(documentId: string, name: string): string {
  return `${documentId}-${safeName(name)}`;
}

function journalBytes(journal: Journal): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(journal));
}

/** The body of a batched request that succeeded, read with `schema`; null when it failed. */
function okBody<T>(
  results: readonly GraphBatchResult[],
  id: string,
  schema: z.ZodType<T>,
): T | null {
  const result = results.find((r) => r.id === id);
  if (result?.ok !== true) return null;
  const parsed = schema.safeParse(result.body);
  if (!parsed.success) {
    throw new GraphError('invalidResponse', { status: result.status }, { cause: parsed.error });
  }
  return parsed.data;
}

/** Throws the error of a batched request that failed. */
function throwIfFailed(results: readonly GraphBatchResult[]): void {
  for (const result of results) if (!result.ok) throw result.error;
}

/** The SharePoint adapter of the store port. */
export class SharePointCaseStore implements CaseStore {
  private readonly client: GraphClient;
  private readonly at: RegistryLocation;
  private readonly counter: RegistrationCounter;
  /** `/sites/{site}/drives/{drive}`: the registry library's drive. */
  private readonly drive: string;
  /** Drive paths of folders known to exist → their item ids. */
  private readonly folders = new Map<string, string>();
  /** Case id → its folder's list item id (never changes once made). */
  private readonly caseItems = new Map<string, string>();
  /** Case id → its folder's drive item id (never changes once made). */
  private readonly caseFolders = new Map<string, string>();
  /**
   * Case id → the case as `getCase` last read it, for the `updateCase` that usually follows (the
   * service reads a case, then changes it): that update writes under the read's eTag instead of
   * reading again. Taken once; a stale one only costs a 412 and a fresh read. Bounded.
   */
  private readonly lastRead = new Map<string, CaseItem>();
  private readonly principalOf: (userId: string) => string;
  private readonly batching: boolean;
  private readonly userReadClient: () => GraphClient | null;
  private readonly logger: Logger;

  constructor(options: SharePointStoreOptions) {
    this.client = options.client;
    this.at = options;
    this.drive = drivePath(options.siteId, options.driveId);
    this.principalOf = options.principalOf ?? ((userId) => userId);
    this.batching = options.batching ?? true;
    this.userReadClient = options.userReadClient ?? (() => null);
    this.logger = options.logger ?? stderrLogger;
    this.counter = new RegistrationCounter({
      client: options.client,
      siteId: options.siteId,
      counterListId: options.counterListId,
      libraryListId: options.libraryListId,
      ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
      ...(options.random === undefined ? {} : { random: options.random }),
      batching: this.batching,
    });
  }

  // ------------------------------------------------------------------ filing

  async createCase(command: CreateCaseCommand): Promise<CreateCaseResult> {
    const attempt = randomUUID();
    const journal: Journal = {
      caseId: command.record.id,
      fingerprint: command.fingerprint,
      attempt,
      record: command.record,
      events: command.events,
      ...(command.register === undefined ? {} : { register: command.register }),
      ...(command.attachPendingFilesOf === undefined
        ? {}
        : { attachPendingFilesOf: command.attachPendingFilesOf }),
    };
    if (this.batching) {
      const record = await this.fileInOneBatch(command.idempotencyKey, journal);
      if (record !== null) return { record, created: true };
    }
    const stored = await this.writeJournal(command.idempotencyKey, journal);
    if (stored.fingerprint !== command.fingerprint) throw new IdempotencyMismatchError();
    const record = await this.completeFiling(stored);
    return { record, created: stored.attempt === attempt };
  }

  /**
   * The common case — a new key, a new case — in one round trip: the journal, the case folder,
   * (for a protected case) its restriction, and the folder's list item, as one `$batch` whose
   * steps depend on each other. Then the columns under the eTag just read, and the number. Null
   * when anything in the batch did not go through (a key seen before, a fault): the step-by-step
   * path then completes the filing from the journal, checking before every write.
   */
  private async fileInOneBatch(key: string, journal: Journal): Promise<CaseRecord | null> {
    const { record } = journal;
    const keysFolder = await this.ensureFolder([registryFolders.system, registryFolders.keys]);
    const folderPath = caseFolderPath(record.routedGroup, record.receivedAt.slice(0, 4), record.id);
    const parentId = await this.ensureFolder(folderPath.slice(0, -1));
    const folderName = folderPath[folderPath.length - 1] ?? '';
    const byPath = `${this.drive}/items/${encodeSegment(parentId)}:/${encodeDrivePath([folderName])}:`;
    const requests: GraphBatchRequest[] = [
      {
        id: 'journal',
        method: 'PUT',
        url: `${this.drive}/items/${encodeSegment(keysFolder)}:/${encodeDrivePath([journalName(key)])}:/content?@microsoft.graph.conflictBehavior=fail`,
        bytes: journalBytes(journal),
      },
      {
        id: 'folder',
        method: 'POST',
        url: `${this.drive}/items/${encodeSegment(parentId)}/children`,
        body: { name: folderName, folder: {}, '@microsoft.graph.conflictBehavior': 'fail' },
        dependsOn: ['journal'],
      },
    ];
    if (record.protectedIdentity) {
      requests.push({
        id: 'restrict',
        method: 'POST',
        url: `${byPath}/invite`,
        body: inviteBody(this.handlerPrincipals(record), 'write'),
        dependsOn: ['folder'],
      });
    }
    requests.push({
      id: 'item',
      method: 'GET',
      url: `${byPath}/listItem?$expand=fields`,
      dependsOn: [record.protectedIdentity ? 'restrict' : 'folder'],
    });
    const results = await this.client.batch(requests);
    const folder = okBody(results, 'folder', driveItemSchema);
    const item = okBody(results, 'item', listItemSchema);
    if (folder === null || item === null || !results.every((r) => r.ok)) return null;
    this.caseFolders.set(record.id, folder.id);
    this.caseItems.set(record.id, item.id);
    const filed: CaseRecord = { ...record, registrationNumber: null, version: 1 };
    // Another attempt under the same key got there first (the same content): finish as usual.
    if (!(await this.writeFirstVersion(item, filed, journal.events, folder.id))) return null;
    const registrationNumber =
      journal.register === undefined
        ? null
        : await this.counter.numberFor(journal.register, {
            caseId: record.id,
            listItemId: item.id,
          });
    if (journal.attachPendingFilesOf !== undefined) {
      await this.attachPendingFiles(journal.attachPendingFilesOf, record.id, folder.id, record);
    }
    return { ...filed, registrationNumber };
  }

  /**
   * Writes a new case's columns under the eTag of its folder's item as first read; false when
   * the item changed since (another attempt wrote them).
   */
  private async writeFirstVersion(
    item: ListItem,
    record: CaseRecord,
    events: readonly CaseEvent[],
    folderId: string,
  ): Promise<boolean> {
    try {
      await patchFields(
        this.client,
        this.at.siteId,
        this.at.libraryListId,
        item.id,
        await this.caseFields(record, events, folderId),
        etagOf(item),
      );
      return true;
    } catch (error) {
      if (!isGraphReason(error, 'preconditionFailed')) throw error;
      return false;
    }
  }

  /** The Entra object ids of a protected case's named handlers. */
  private handlerPrincipals(record: CaseRecord): string[] {
    return record.handlers.map((id) => this.principalOf(id));
  }

  /** Makes a protected case's folder visible to its named handlers only. */
  private async restrictCaseFolder(record: CaseRecord, folderId: string): Promise<void> {
    await restrictItem(
      this.client,
      itemPath(this.drive, folderId),
      this.handlerPrincipals(record),
      'write',
    );
  }

  /** Creates the journal, or reads the one an earlier attempt under the same key created. */
  private async writeJournal(key: string, journal: Journal): Promise<Journal> {
    const keysFolder = await this.ensureFolder([registryFolders.system, registryFolders.keys]);
    const name = journalName(key);
    try {
      await uploadFile(
        this.client,
        { drive: this.drive, parentId: keysFolder, name },
        journalBytes(journal),
      );
      return journal;
    } catch (error) {
      if (!isGraphReason(error, 'conflict')) throw error;
    }
    const existing = await this.client.json(
      {
        method: 'GET',
        path: `${this.drive}/items/${encodeSegment(keysFolder)}:/${encodeDrivePath([name])}:`,
      },
      driveItemSchema,
    );
    const bytes = await downloadFile(this.client, this.drive, { id: existing.id });
    return journalSchema.parse(JSON.parse(new TextDecoder().decode(bytes)));
  }

  /** Brings a filing to its end from its journal; each step checks before it writes. */
  private async completeFiling(journal: Journal): Promise<CaseRecord> {
    const { record } = journal;
    const folderPath = caseFolderPath(
      record.routedGroup,
      record.receivedAt.slice(0, 4),
      journal.caseId,
    );
    const folderId = await this.ensureFolder(folderPath);
    this.caseFolders.set(journal.caseId, folderId);
    let item = await this.folderListItem(folderId);
    if (numberField(item, col.version) === undefined) {
      // The case's columns hold the report: a protected case's folder is closed before they
      // are written (again, harmlessly, if an earlier attempt closed it and then failed).
      if (record.protectedIdentity) await this.restrictCaseFolder(record, folderId);
      // False when another attempt under the same key wrote it first: the same content.
      await this.writeFirstVersion(
        item,
        { ...record, id: journal.caseId, registrationNumber: null, version: 1 },
        journal.events,
        folderId,
      );
      item = await this.folderListItem(folderId);
    }
    this.caseItems.set(journal.caseId, item.id);
    if (journal.register !== undefined && (textField(item, col.registrationNumber) ?? '') === '') {
      await this.counter.numberFor(journal.register, {
        caseId: journal.caseId,
        listItemId: item.id,
      });
    }
    if (journal.attachPendingFilesOf !== undefined) {
      await this.attachPendingFiles(journal.attachPendingFilesOf, journal.caseId, folderId, record);
    }
    const stored = await this.readCaseItem(item.id);
    return stored.record;
  }

  /** The list item of a folder in the library, with fields and eTag. */
  private folderListItem(folderId: string): Promise<ListItem> {
    return this.client.json(
      {
        method: 'GET',
        path: `${this.drive}/items/${encodeSegment(folderId)}/listItem`,
        query: { $expand: 'fields' },
      },
      listItemSchema,
    );
  }

  /** Makes the folders of `path` that are missing (each with conflictBehavior=fail) → last id. */
  private async ensureFolder(path: readonly string[]): Promise<string> {
    const key = path.join('/');
    const known = this.folders.get(key);
    if (known !== undefined) return known;
    const parentId = path.length === 1 ? undefined : await this.ensureFolder(path.slice(0, -1));
    const name = path[path.length - 1] ?? '';
    const parent =
      parentId === undefined
        ? `${this.drive}/root`
        : `${this.drive}/items/${encodeSegment(parentId)}`;
    let folder: DriveItem;
    try {
      folder = await this.client.json(
        {
          method: 'POST',
          path: `${parent}/children`,
          json: { name, folder: {}, '@microsoft.graph.conflictBehavior': 'fail' },
        },
        driveItemSchema,
      );
    } catch (error) {
      if (!isGraphReason(error, 'conflict')) throw error;
      folder = await this.client.json(
        { method: 'GET', path: `${parent}:/${encodeDrivePath([name])}:` },
        driveItemSchema,
      );
    }
    this.folders.set(key, folder.id);
    return folder.id;
  }

  /**
   * A JSON column's value: the JSON itself, or, when it is longer than a Note field holds, a
   * pointer to a file in the case folder with it. The file is written first under a name of its
   * own and never changed; the column (changed under If-Match) is what makes it the current one,
   * so a write that loses its race leaves only an unread file behind.
   */
  private async columnJson(
    json: string,
    folderId: string,
    what: 'record' | 'events',
    version: number,
  ): Promise<string> {
    if (json.length <= maxColumnJsonChars) return json;
    const name = `${what}-v${String(version)}-${randomUUID()}.json`;
    await uploadFile(
      this.client,
      { drive: this.drive, parentId: folderId, name, nameIsUnique: true },
      new TextEncoder().encode(json),
    );
    return JSON.stringify({ [spilledKey]: name });
  }

  /** The JSON a column holds, fetched from its file when the column points to one. */
  private async columnText(text: string, folderId: string): Promise<string> {
    if (!text.startsWith(`{"${spilledKey}":`)) return text;
    const pointer = spilledSchema.parse(JSON.parse(text));
    const bytes = await downloadFile(this.client, this.drive, {
      parentId: folderId,
      name: pointer[spilledKey],
    });
    return new TextDecoder().decode(bytes);
  }

  /** The columns of a case folder for `record` (whose number lives in its own column). */
  private async caseFields(
    record: CaseRecord,
    events: readonly CaseEvent[],
    folderId: string,
  ): Promise<Record<string, FieldValue>> {
    const recordJson = JSON.stringify({ ...record, registrationNumber: null });
    return {
      [col.kind]: 'case' satisfies LibraryItemKind,
      [col.caseId]: record.id,
      [col.type]: record.type,
      [col.state]: record.state,
      [col.unit]: record.unit,
      [col.area]: record.area,
      [col.received]: new Date(record.receivedAt).toISOString(),
      [col.deadline]:
        record.nextDeadlineAt === null ? null : new Date(record.nextDeadlineAt).toISOString(),
      [col.protectedIdentity]: record.protectedIdentity,
      [col.routedGroup]: record.routedGroup,
      [col.reporterId]: record.reporter.id,
      [col.version]: record.version,
      [col.record]: await this.columnJson(recordJson, folderId, 'record', record.version),
      [col.events]: await this.columnJson(
        JSON.stringify(events),
        folderId,
        'events',
        record.version,
      ),
      [col.driveItemId]: folderId,
    };
  }

  // ------------------------------------------------------------------ reading cases

  private async parseCaseItem(item: ListItem): Promise<CaseItem> {
    const recordColumn = textField(item, col.record);
    const version = numberField(item, col.version);
    const folderId = textField(item, col.driveItemId);
    if (recordColumn === undefined || version === undefined || folderId === undefined) {
      throw new GraphError('invalidResponse', { code: 'caseItemIncomplete' });
    }
    const number = textField(item, col.registrationNumber);
    const record = JSON.parse(await this.columnText(recordColumn, folderId)) as CaseRecord;
    const events = await this.columnText(textField(item, col.events) ?? '[]', folderId);
    return {
      listItemId: item.id,
      etag: etagOf(item),
      folderId,
      version,
      record: {
        ...record,
        version,
        registrationNumber: number === undefined || number === '' ? null : number,
      },
      events: JSON.parse(events) as CaseEvent[],
    };
  }

  private async readCaseItem(listItemId: string): Promise<CaseItem> {
    return this.parseCaseItem(
      await getItem(this.client, this.at.siteId, this.at.libraryListId, listItemId),
    );
  }

  /** The case's item, found by id (cached after the first lookup), or null. */
  private async findCase(caseId: string): Promise<CaseItem | null> {
    const known = this.caseItems.get(caseId);
    if (known !== undefined) return this.readCaseItem(known);
    const [item] = await this.queryLibrary({ [col.kind]: 'case', [col.caseId]: caseId });
    if (item === undefined) return null;
    this.caseItems.set(caseId, item.id);
    return this.parseCaseItem(item);
  }

  private queryLibrary(equals: Record<string, string | number | boolean>): Promise<ListItem[]> {
    return queryItems(this.client, this.at.siteId, this.at.libraryListId, fieldsFilter(equals));
  }

  async getCase(id: string): Promise<CaseRecord | null> {
    const found = await this.findCase(id);
    if (found === null) return null;
    this.lastRead.delete(id);
    // A copy: the caller may change the record it gets without changing what the update compares.
    this.lastRead.set(id, structuredClone(found));
    if (this.lastRead.size > lastReadLimit) {
      const oldest = this.lastRead.keys().next();
      if (oldest.done !== true) this.lastRead.delete(oldest.value);
    }
    return found.record;
  }

  /**
   * The case to change: as `getCase` just read it when that read has the version the change
   * expects (If-Match guards the write), else read now.
   */
  private async caseToChange(caseId: string, expectedVersion: number): Promise<CaseItem | null> {
    const read = this.lastRead.get(caseId);
    this.lastRead.delete(caseId);
    if (read !== undefined && read.version === expectedVersion) return read;
    return this.findCase(caseId);
  }

  async getCaseByRegistrationNumber(registrationNumber: string): Promise<CaseRecord | null> {
    const [item] = await this.queryLibrary({
      [col.kind]: 'case',
      [col.registrationNumber]: registrationNumber,
    });
    return item === undefined ? null : (await this.parseCaseItem(item)).record;
  }

  /**
   * Every case the query's indexed equality filters let through (one type, one state, the
   * reporter), then the rest of the query in memory by the core's rules.
   */
  async listCases(query: CaseQuery): Promise<CasePage> {
    const equals: Record<string, string> = { [col.kind]: 'case' };
    if (query.types?.length === 1 && query.types[0] !== undefined) {
      equals[col.type] = query.types[0];
    }
    if (query.states?.length === 1 && query.states[0] !== undefined) {
      equals[col.state] = query.states[0];
    }
    if (query.reporterId !== undefined) equals[col.reporterId] = query.reporterId;
    const items = await this.queryLibrary(equals);
    const records = await Promise.all(
      items
        .filter((item) => numberField(item, col.version) !== undefined)
        .map(async (item) => ({
          record: (await this.parseCaseItem(item)).record,
          order: Number(item.id),
        })),
    );
    return applyCaseQuery(records, query);
  }

  async listEvents(caseId: string): Promise<StoredCaseEvent[]> {
    const item = await this.findCase(caseId);
    return (item?.events ?? []).map((event, index) => ({
      caseId,
      sequence: index + 1,
      event,
    }));
  }

  async listCasesMissingReportDocument(): Promise<CaseRecord[]> {
    const items = await this.queryLibrary({ [col.kind]: 'case' });
    const records = await Promise.all(
      items
        .filter((item) => numberField(item, col.version) !== undefined)
        .map(async (item) => (await this.parseCaseItem(item)).record),
    );
    return records.filter((record) => record.reportDocumentId === null);
  }

  // ------------------------------------------------------------------ changing cases

  async updateCase(command: UpdateCaseCommand): Promise<CaseRecord> {
    let current = await this.caseToChange(command.record.id, command.expectedVersion);
    for (; ; current = await this.findCase(command.record.id)) {
      if (current === null) throw new NotFoundError(caseNotFound);
      if (current.version !== command.expectedVersion) throw new ConflictError();
      if (current.record.registrationNumber === null && command.register !== undefined) {
        // The number is written to its own column; the loop reads the case again after it.
        await this.counter.numberFor(command.register, {
          caseId: command.record.id,
          listItemId: current.listItemId,
        });
        continue;
      }
      const record: CaseRecord = {
        ...command.record,
        registrationNumber: current.record.registrationNumber ?? command.record.registrationNumber,
        version: current.version + 1,
      };
      if (
        record.protectedIdentity &&
        (!current.record.protectedIdentity ||
          record.handlers.join('\n') !== current.record.handlers.join('\n'))
      ) {
        // Closed to the named handlers before the columns say more about the person.
        await this.restrictCaseFolder(record, current.folderId);
      }
      const fields = await this.caseFields(
        record,
        [...current.events, ...command.events],
        current.folderId,
      );
      if (current.record.registrationNumber === null && record.registrationNumber !== null) {
        fields[col.registrationNumber] = record.registrationNumber;
      }
      try {
        await patchFields(
          this.client,
          this.at.siteId,
          this.at.libraryListId,
          current.listItemId,
          fields,
          current.etag,
        );
        return record;
      } catch (error) {
        // Changed since read: a number written by the counter keeps the version, so read
        // again; a real change of version ends in ConflictError above — unless the change is
        // this very write, whose answer was lost and whose retry met its own new eTag.
        if (!isGraphReason(error, 'preconditionFailed')) throw error;
        const after = await this.findCase(command.record.id);
        if (
          after?.version === record.version &&
          JSON.stringify({ ...after.record, registrationNumber: null }) ===
            JSON.stringify({ ...record, registrationNumber: null })
        ) {
          return after.record;
        }
      }
    }
  }

  // ------------------------------------------------------------------ documents

  /**
   * The columns of a document. Its drive item id is recorded when known; a document is found by
   * its path (case folder, `<id>-<name>`) in any case, so one written inside a `$batch` — by
   * path, before its id is known — needs no second write.
   */
  private documentFields(ref: DocumentRef, driveItemId: string | null): Record<string, FieldValue> {
    return {
      [col.kind]: 'document' satisfies LibraryItemKind,
      [col.caseId]: ref.caseId,
      [col.documentId]: ref.id,
      [col.documentKind]: ref.kind,
      [col.name]: ref.name,
      [col.mediaType]: ref.mediaType,
      [col.size]: ref.size,
      [col.sha256]: ref.sha256,
      [col.createdAt]: ref.createdAt,
      [col.createdBy]: ref.createdBy,
      [col.driveItemId]: driveItemId,
      [col.owner]: null,
    };
  }

  private parseDocument(item: ListItem): DocumentRef & { driveItemId: string; at: string } {
    const text = (name: string): string => textField(item, name) ?? '';
    return {
      id: text(col.documentId),
      caseId: text(col.caseId),
      kind: text(col.documentKind) as DocumentRef['kind'],
      name: text(col.name),
      mediaType: text(col.mediaType),
      size: numberField(item, col.size) ?? 0,
      sha256: text(col.sha256),
      createdAt: text(col.createdAt),
      createdBy: text(col.createdBy),
      driveItemId: text(col.driveItemId),
      at: text(col.createdAt),
    };
  }

  /** Sets the columns of a drive item in the library (its list item, addressed by the file). */
  private async setItemFields(
    driveItemId: string,
    fields: Record<string, FieldValue>,
  ): Promise<void> {
    await this.client.send({
      method: 'PATCH',
      path: `${this.drive}/items/${encodeSegment(driveItemId)}/listItem/fields`,
      json: fields,
    });
  }

  /** The drive item id of a case's folder, or null when there is no such case. */
  private async caseFolderId(caseId: string): Promise<string | null> {
    const known = this.caseFolders.get(caseId);
    if (known !== undefined) return known;
    const current = await this.findCase(caseId);
    if (current === null) return null;
    this.caseFolders.set(caseId, current.folderId);
    return current.folderId;
  }

  async putDocument(document: NewDocument): Promise<DocumentRef> {
    const folderId = await this.caseFolderId(document.caseId);
    if (folderId === null) throw new NotFoundError(caseNotFound);
    // A caller's id names the file, so storing it again meets the file already there (409),
    // which then counts as done; a fresh id can only meet its own earlier attempt.
    const id = document.id ?? randomUUID();
    const ref: DocumentRef = {
      id,
      caseId: document.caseId,
      kind: document.kind,
      name: document.name,
      mediaType: document.mediaType,
      size: document.content.byteLength,
      sha256: sha256(document.content),
      createdAt: document.createdAt,
      createdBy: document.createdBy,
    };
    if (document.id !== undefined) {
      // Stored before under the caller's id (perhaps under another name): the same content is
      // done, another is a conflict. One query, so a retry never lists the document twice.
      const [stored] = await this.queryLibrary({ [col.kind]: 'document', [col.documentId]: id });
      if (stored !== undefined) {
        return sameStoredDocument(
          SharePointCaseStore.withoutStoreFields(this.parseDocument(stored)),
          ref,
        );
      }
    }
    const target = {
      drive: this.drive,
      parentId: folderId,
      name: documentFileName(id, document.name),
      nameIsUnique: true,
    };
    if (this.batching && document.content.byteLength <= maxBatchedFileBytes) {
      // The file and its columns in one round trip; the columns are set by the file's path.
      const byPath = `${this.drive}/items/${encodeSegment(folderId)}:/${encodeDrivePath([target.name])}:`;
      const results = await this.client.batch([
        {
          id: 'file',
          method: 'PUT',
          url: `${byPath}/content?@microsoft.graph.conflictBehavior=fail`,
          bytes: document.content,
        },
        {
          id: 'fields',
          method: 'PATCH',
          url: `${byPath}/listItem/fields`,
          body: this.documentFields(ref, null),
          dependsOn: ['file'],
        },
      ]);
      if (results.every((r) => r.ok)) return ref;
      // A file whose answer was lost (its name is its own, so a 409 is this very file), or
      // columns that did not go through: finish one request at a time, checking as it goes.
      const failed = results.find((r) => !r.ok);
      if (
        failed !== undefined &&
        !failed.error.transient &&
        !isGraphReason(failed.error, 'conflict')
      )
        throw failed.error;
    }
    const file = await uploadFile(this.client, target, document.content);
    // Until its columns are set the file is not listed: a crash leaves it absent, not half.
    await this.setItemFields(file.id, this.documentFields(ref, file.id));
    return ref;
  }

  private static withoutStoreFields(
    doc: DocumentRef & { driveItemId: string; at: string },
  ): DocumentRef {
    return {
      id: doc.id,
      caseId: doc.caseId,
      kind: doc.kind,
      name: doc.name,
      mediaType: doc.mediaType,
      size: doc.size,
      sha256: doc.sha256,
      createdAt: doc.createdAt,
      createdBy: doc.createdBy,
    };
  }

  async listDocuments(caseId: string): Promise<DocumentRef[]> {
    const items = await this.queryLibrary({ [col.kind]: 'document', [col.caseId]: caseId });
    return items
      .map((item) => ({ doc: this.parseDocument(item), order: Number(item.id) }))
      .sort((a, b) => a.doc.at.localeCompare(b.doc.at) || a.order - b.order)
      .map(({ doc }) => SharePointCaseStore.withoutStoreFields(doc));
  }

  async getDocument(
    caseId: string,
    documentId: string,
    options: { asHandler?: boolean } = {},
  ): Promise<{ ref: DocumentRef; content: Uint8Array } | null> {
    const [item] = await this.queryLibrary({
      [col.kind]: 'document',
      [col.documentId]: documentId,
    });
    if (item === undefined) return null;
    const doc = this.parseDocument(item);
    if (doc.caseId !== caseId) return null;
    const folderId = await this.caseFolderId(caseId);
    if (folderId === null) return null;
    const address = { parentId: folderId, name: documentFileName(doc.id, doc.name) };
    const asUser = options.asHandler === true ? this.userReadClient() : null;
    let content: Uint8Array;
    try {
      content = await downloadFile(asUser ?? this.client, this.drive, address);
    } catch (error) {
      if (
        asUser === null ||
        !(isGraphReason(error, 'forbidden') || isGraphReason(error, 'notFound'))
      )
        throw error;
      // The policy let a handler read it and SharePoint did not: a routing table and grants out
      // of step (run `npm run provision`). Hidden means absent; the operator hears of it.
      this.logger.warn({ caseId }, 'SharePoint refused a handler a document the policy allows');
      return null;
    }
    return { ref: SharePointCaseStore.withoutStoreFields(doc), content };
  }

  // ------------------------------------------------------------------ pending files

  async putPendingFile(file: NewPendingFile): Promise<PendingFileRef> {
    const folderId = await this.ensureFolder([registryFolders.system, registryFolders.pending]);
    const id = randomUUID();
    const stored = await uploadFile(
      this.client,
      {
        drive: this.drive,
        parentId: folderId,
        name: documentFileName(id, file.name),
        nameIsUnique: true,
      },
      file.content,
    );
    const ref: PendingFileRef = {
      id,
      owner: file.owner,
      name: file.name,
      mediaType: file.mediaType,
      size: file.content.byteLength,
      sha256: sha256(file.content),
      createdAt: file.createdAt,
    };
    await this.setItemFields(stored.id, {
      [col.kind]: 'pending' satisfies LibraryItemKind,
      [col.owner]: file.owner,
      [col.documentId]: id,
      [col.name]: file.name,
      [col.mediaType]: file.mediaType,
      [col.size]: ref.size,
      [col.sha256]: ref.sha256,
      [col.createdAt]: file.createdAt,
      [col.driveItemId]: stored.id,
    });
    return ref;
  }

  private async pendingItems(owner: string): Promise<ListItem[]> {
    const items = await this.queryLibrary({ [col.kind]: 'pending', [col.owner]: owner });
    return items.sort(
      (a, b) =>
        (textField(a, col.createdAt) ?? '').localeCompare(textField(b, col.createdAt) ?? '') ||
        Number(a.id) - Number(b.id),
    );
  }

  async listPendingFiles(owner: string): Promise<PendingFileRef[]> {
    return (await this.pendingItems(owner)).map((item) => {
      const doc = this.parseDocument(item);
      return {
        id: doc.id,
        owner,
        name: doc.name,
        mediaType: doc.mediaType,
        size: doc.size,
        sha256: doc.sha256,
        createdAt: doc.createdAt,
      };
    });
  }

  async deletePendingFiles(owner: string): Promise<void> {
    for (const item of await this.pendingItems(owner)) {
      const driveItemId = textField(item, col.driveItemId) ?? '';
      try {
        await this.client.send({
          method: 'DELETE',
          path: `${this.drive}/items/${encodeSegment(driveItemId)}`,
        });
      } catch (error) {
        if (!isGraphReason(error, 'notFound')) throw error;
      }
    }
  }

  /**
   * Moves an owner's pending files into the case folder and makes them its attachments. A move
   * keeps the file's item and id; its columns change after, so a crash between leaves a file
   * that the next attempt moves (again, harmlessly) and describes.
   */
  private async attachPendingFiles(
    owner: string,
    caseId: string,
    folderId: string,
    record: CaseRecord,
  ): Promise<void> {
    const steps = (await this.pendingItems(owner)).map((item) => {
      const doc = this.parseDocument(item);
      const fields = this.documentFields(
        {
          id: doc.id,
          caseId,
          kind: 'attachment',
          name: doc.name,
          mediaType: doc.mediaType,
          size: doc.size,
          sha256: doc.sha256,
          createdAt: doc.createdAt,
          createdBy: record.reporter.id,
        },
        doc.driveItemId,
      );
      const path = `${this.drive}/items/${encodeSegment(doc.driveItemId)}`;
      return { doc, path, fields };
    });
    if (this.batching) {
      // Each move and its columns as a pair (the columns after the move) in batches of 20.
      const results = await this.client.batch(
        steps.flatMap(({ path, fields }, index): GraphBatchRequest[] => [
          {
            id: `move-${String(index)}`,
            method: 'PATCH',
            url: path,
            body: { parentReference: { id: folderId } },
          },
          {
            id: `fields-${String(index)}`,
            method: 'PATCH',
            url: `${path}/listItem/fields`,
            body: fields,
            dependsOn: [`move-${String(index)}`],
          },
        ]),
      );
      throwIfFailed(results);
      return;
    }
    for (const { path, fields, doc } of steps) {
      await this.client.send({
        method: 'PATCH',
        path,
        json: { parentReference: { id: folderId } },
      });
      await this.setItemFields(doc.driveItemId, fields);
    }
  }

  // ------------------------------------------------------------------ access log, counters

  async appendAccessLog(entry: AccessLogEntry): Promise<void> {
    await createItem(this.client, this.at.siteId, this.at.accessLogListId, {
      Title: entry.what,
      [accessLogColumn.entryId]: randomUUID(),
      [accessLogColumn.at]: entry.at,
      [accessLogColumn.actorId]: entry.actorId,
      [accessLogColumn.actorName]: entry.actorName,
      [accessLogColumn.caseId]: entry.caseId,
      [accessLogColumn.registrationNumber]: entry.registrationNumber,
      [accessLogColumn.what]: entry.what,
    });
  }

  async listAccessLog(query: {
    caseId?: string;
    limit: number;
    offset?: number;
  }): Promise<AccessLogEntry[]> {
    const items = await queryItems(
      this.client,
      this.at.siteId,
      this.at.accessLogListId,
      query.caseId === undefined
        ? undefined
        : fieldsFilter({ [accessLogColumn.caseId]: query.caseId }),
    );
    // A POST whose answer was lost and was sent again leaves two items with one entry id.
    const seen = new Set<string>();
    const unique = items.filter((item) => {
      const id = textField(item, accessLogColumn.entryId) ?? item.id;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
    const entries = unique.map((item) => {
      const text = (name: string): string => textField(item, name) ?? '';
      const number = textField(item, accessLogColumn.registrationNumber);
      return {
        order: Number(item.id),
        entry: {
          at: text(accessLogColumn.at),
          actorId: text(accessLogColumn.actorId),
          actorName: text(accessLogColumn.actorName),
          caseId: text(accessLogColumn.caseId),
          registrationNumber: number === undefined || number === '' ? null : number,
          what: text(accessLogColumn.what),
        },
      };
    });
    entries.sort((a, b) => Date.parse(b.entry.at) - Date.parse(a.entry.at) || b.order - a.order);
    const offset = query.offset ?? 0;
    return entries.slice(offset, offset + query.limit).map(({ entry }) => entry);
  }

  lastSequence(series: string, year: number): Promise<number> {
    return this.counter.lastSequence(series, year);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** Opens the adapter on a provisioned registry. */
export async function openSharePointStore(
  options: SharePointBehaviour & { client: GraphClient; siteId: string },
): Promise<SharePointCaseStore> {
  const location = await locateRegistry(options.client, options.siteId);
  return new SharePointCaseStore({ ...options, ...location });
}
