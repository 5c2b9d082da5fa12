import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  caseAccess,
  mayReadAccessLog,
  visibilityFilter,
  type Actor,
  type CaseAccess,
  type CaseAction,
} from './access.js';
import { localDate } from './calendar.js';
import {
  accessFacts,
  type CaseEvent,
  type CaseRecord,
  type PersonRef,
  type StoredCaseEvent,
} from './cases.js';
import {
  breachDeadlines,
  formatStockholm,
  lexSarahDeadlines,
  significantIncidentDeadlines,
  type Deadline,
} from './clocks.js';
import {
  buildDecisionDocument,
  buildInvestigationDocument,
} from './documents/investigationDocuments.js';
import { buildReportDocument } from './documents/reportDocument.js';
import type { DocumentModel } from './documents/documentModel.js';
import { renderPdf } from './documents/pdf.js';
import { attachmentError, checkAttachment } from './attachments.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from './errors.js';
import { deviationTypeLabels, optionLabel } from './fields.js';
import {
  breachAssessmentSchema,
  caseLogEntryInputSchema,
  investigationSchema,
  type CaseLogEntry,
} from './investigation.js';
import { stderrLogger, type Logger } from './logger.js';
import type {
  AccessLogEntry,
  CasePage,
  CaseQuery,
  CaseStore,
  DocumentRef,
  NewCaseNotifier,
  PendingFileRef,
  RegistrationRequest,
} from './ports.js';
import {
  clockStart,
  needsProtectedHandling,
  validateReport,
  type AttachmentRef,
  type Report,
} from './reports.js';
import { routeReport, type Route, type RoutingTable } from './routing.js';
import { parseOrThrow } from './validation.js';
import { takeStep, type CaseState, type WorkflowStep } from './workflow.js';
import { stepAction, stepContext } from './caseSteps.js';

/** What the case service needs; everything but the store and routing table has a default. */
export interface CaseServiceOptions {
  store: CaseStore;
  routing: RoutingTable;
  now?: () => Date;
  newId?: () => string;
  logger?: Logger;
  renderDocument?: (model: DocumentModel) => Promise<Uint8Array>;
  /** Told of each new case, once, whichever door filed it. */
  notifier?: NewCaseNotifier;
}

/** The idempotency key a client sends with a submission (a UUID, or any opaque id). */
export const idempotencyKeySchema = z
  .string()
  .min(8)
  .max(100)
  .regex(/^[A-Za-z0-9_:.-]+$/);

/** A case as one actor may see it: the access decision, and the record trimmed to the view. */
export interface CaseForActor {
  access: CaseAccess;
  record: VisibleCase;
}

/** The parts of a case a view shows; fields outside the view are absent. */
export type VisibleCase = Pick<
  CaseRecord,
  'id' | 'version' | 'type' | 'state' | 'registrationNumber' | 'registry' | 'protectedIdentity'
> &
  Partial<CaseRecord>;

/** The text shown instead of a protected case's title to those who only see registry metadata. */
export const PROTECTED_TITLE = 'Skyddade personuppgifter';

/** Trims a case to what a view may show (SPEC §6). */
export function projectCase(record: CaseRecord, access: CaseAccess): VisibleCase {
  switch (access.view) {
    case 'full':
      return record;
    case 'status': {
      // The reporter follows the report, not the investigation (SPEC §6).
      const visible: VisibleCase = { ...record };
      delete visible.investigation;
      delete visible.assessment;
      delete visible.caseLog;
      delete visible.decision;
      delete visible.handlers;
      delete visible.assignees;
      return visible;
    }
    case 'registry':
    case 'none':
      return {
        id: record.id,
        version: record.version,
        type: record.type,
        state: record.state,
        registrationNumber: record.registrationNumber,
        registry: record.registry,
        protectedIdentity: record.protectedIdentity,
        title: record.protectedIdentity ? PROTECTED_TITLE : record.title,
        receivedAt: record.receivedAt,
        routedGroup: record.routedGroup,
        ...(record.protectedIdentity ? {} : { unit: record.unit }),
      };
  }
}

/**
 * A case as lists show it: enough to find, sort and follow it, nothing of the report. A protected
 * case shows no title or unit in any list, so only opening it (which is logged) reveals it.
 */
export function caseSummary(record: CaseRecord): VisibleCase {
  return {
    id: record.id,
    version: record.version,
    type: record.type,
    state: record.state,
    registrationNumber: record.registrationNumber,
    registry: record.registry,
    protectedIdentity: record.protectedIdentity,
    title: record.protectedIdentity ? PROTECTED_TITLE : record.title,
    ...(record.protectedIdentity ? {} : { unit: record.unit, area: record.area }),
    routedGroup: record.routedGroup,
    receivedAt: record.receivedAt,
    updatedAt: record.updatedAt,
    deadlines: record.deadlines,
    nextDeadlineAt: record.nextDeadlineAt,
  };
}

/** The id of a case's report document: derived from the case, so it is stored once. */
export function reportDocumentId(caseId: string): string {
  const hex = createHash('sha256').update(`report:${caseId}`).digest('hex');
  // Shaped as a UUID (version 8: application-defined), like every other document id.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${(
    (parseInt(hex.slice(16, 17), 16) & 0x3) |
    0x8
  ).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Canonical JSON (sorted keys), so equal submissions get equal fingerprints. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function titleOf(report: Report): string {
  const type = deviationTypeLabels[report.type].sv;
  switch (report.type) {
    case 'lexSarah':
      return `${type} – ${report.answers.unit}`;
    case 'personalDataBreach':
      return `${type} – ${optionLabel('breachCategory', report.answers.category).sv}`;
    case 'securityIncident':
      return `${type} – ${optionLabel('incidentCategory', report.answers.category).sv}`;
  }
}

function deadlinesOf(report: Report, receivedAt: Date, route: Route): Deadline[] {
  switch (report.type) {
    case 'lexSarah':
      return lexSarahDeadlines(receivedAt, route.clocks);
    case 'personalDataBreach':
      return breachDeadlines(new Date(report.answers.discoveredAt), route.clocks);
    case 'securityIncident':
      return report.answers.significant === 'yes'
        ? significantIncidentDeadlines(new Date(report.answers.discoveredAt), route.clocks)
        : [];
  }
}

/** Whether a deadline still binds a case in its current state. */
function deadlineOpen(record: CaseRecord, deadline: Deadline): boolean {
  const state: CaseState = record.state;
  const done = (...states: CaseState[]): boolean => states.includes(state);
  switch (deadline.kind) {
    case 'registration':
      return done('draft', 'submitted');
    case 'openOrDecline':
      return done('draft', 'submitted', 'registered');
    case 'investigationTarget':
      return done('draft', 'submitted', 'registered', 'underInvestigation');
    case 'imyNotification':
      return (
        record.assessment?.imyNotification?.notifiedAt === undefined &&
        record.assessment?.imyNotification?.decision !== 'notRequired' &&
        !done('reportedToAuthority', 'closed', 'closedNoInvestigation')
      );
    case 'imySupplement':
      return false;
    case 'earlyWarning':
    case 'incidentNotification':
    case 'finalReport':
      return !done('reportedToAuthority', 'closed', 'closedNoInvestigation');
  }
}

/** The earliest deadline still open, or null. */
export function nextDeadlineAt(record: CaseRecord): string | null {
  const open = record.deadlines
    .filter((deadline) => deadlineOpen(record, deadline))
    .map((deadline) => deadline.dueAt)
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  return open[0] ?? null;
}

const caseNotFound = { sv: 'Ärendet', en: 'The case' };

/** The states after which a case's documentation is final. */
const closedStates: ReadonlySet<CaseState> = new Set(['closed', 'closedNoInvestigation']);

/** Refuses to change the documentation of a closed case: what was closed stays as it was. */
function requireOpen(record: CaseRecord): void {
  if (!closedStates.has(record.state)) return;
  throw new ValidationError([
    {
      field: 'state',
      message: {
        sv: 'Ärendet är avslutat. Utredningen, loggen och bilagorna kan inte längre ändras.',
        en: 'The case is closed. Its investigation, log and attachments can no longer be changed.',
      },
    },
  ]);
}

/** The answers with exactly these attachments (none: the field is left out). */
function withAttachments<A extends { attachments?: AttachmentRef[] | undefined }>(
  answers: A,
  attachments: AttachmentRef[],
): A {
  const copy = { ...answers };
  delete copy.attachments;
  return attachments.length > 0 ? { ...copy, attachments } : copy;
}

/** The actor as a case records a person: identity, name and title only. */
function personOf(actor: Actor): PersonRef {
  return actor.title
    ? { id: actor.id, name: actor.name, title: actor.title }
    : { id: actor.id, name: actor.name };
}

/**
 * The commands of the domain: filing a report, moving a case through the workflow, the
 * investigation, documents and the access log. Each command checks the access policy, validates
 * its input, and writes through the store in one atomic step.
 */
export class CaseService {
  private readonly store: CaseStore;
  private readonly routing: RoutingTable;
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly logger: Logger;
  private readonly renderDocument: (model: DocumentModel) => Promise<Uint8Array>;
  private readonly notifier: NewCaseNotifier | undefined;

  constructor(options: CaseServiceOptions) {
    this.store = options.store;
    this.routing = options.routing;
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
    this.logger = options.logger ?? stderrLogger;
    this.renderDocument = options.renderDocument ?? renderPdf;
    this.notifier = options.notifier;
  }

  /**
   * Files a report: validates it, routes it, registers it and stores the case with its events,
   * then renders and stores the report's PDF. The same idempotency key always yields one case.
   */
  async submitReport(
    actor: Actor,
    input: { report: unknown; idempotencyKey: unknown },
  ): Promise<{ record: CaseRecord; created: boolean }> {
    const idempotencyKey = parseOrThrow(
      idempotencyKeySchema,
      input.idempotencyKey,
      'idempotencyKey',
    );
    const now = this.now();
    const report = validateReport(input.report, now);
    const given = this.withReporter(report, actor);
    // The fingerprint is of what was sent, so a retry matches even after the files moved.
    const fingerprint = createHash('sha256')
      .update(canonicalJson({ actor: actor.id, report: given }))
      .digest('hex');
    const owner = `${actor.id}:${idempotencyKey}`;
    const withReporter = await this.withPendingAttachments(given, owner);
    const unit = withReporter.answers.unit;
    const area = withReporter.type === 'lexSarah' ? withReporter.answers.area : undefined;
    const route = routeReport(this.routing, { type: withReporter.type, area, unit });
    const at = formatStockholm(now);
    const signer = personOf(actor);
    const protectedIdentity = needsProtectedHandling(withReporter);
    const record: CaseRecord = {
      id: this.newId(),
      version: 1,
      type: withReporter.type,
      state: 'draft',
      title: titleOf(withReporter),
      registrationNumber: null,
      registry: { series: route.series, classification: route.classification },
      routedGroup: route.group,
      protectedIdentity,
      handlers: protectedIdentity ? [...route.protectedHandlers] : [],
      assignees: [],
      reporter: signer,
      unit: unit ?? null,
      area: area ?? null,
      receivedAt: at,
      clockStartedAt: clockStart(withReporter),
      deadlines: deadlinesOf(withReporter, now, route),
      nextDeadlineAt: null,
      report: withReporter,
      signedBy: signer,
      signedAt: at,
      investigation: null,
      assessment: null,
      decision: null,
      caseLog: [],
      reportDocumentId: null,
      linkedCaseIds: [],
      createdAt: at,
      updatedAt: at,
    };
    const events: CaseEvent[] = [
      { kind: 'filed', at, actorId: actor.id, actorName: actor.name },
      takeStep('draft', 'submit', stepContext(record), actor, at),
    ];
    record.state = 'submitted';
    let register: RegistrationRequest | undefined;
    if (route.registerOnSubmit) {
      events.push(
        takeStep(
          'submitted',
          'register',
          stepContext(record),
          { id: 'system', name: 'Registrering' },
          at,
        ),
      );
      record.state = 'registered';
      register = this.registrationRequest(record, now);
    }
    record.nextDeadlineAt = nextDeadlineAt(record);
    const result = await this.store.createCase({
      record,
      events,
      idempotencyKey: owner,
      fingerprint,
      ...(register ? { register } : {}),
      ...(withReporter.answers.attachments ? { attachPendingFilesOf: owner } : {}),
    });
    this.logger.info(
      { caseId: result.record.id, type: result.record.type, created: result.created },
      result.created ? 'report filed' : 'report already filed under this key',
    );
    // Only the call that created the case renders its PDF and tells its handlers: a retry or
    // a double click must not add a second copy or a second notification.
    if (!result.created) return result;
    let filed = result;
    if (result.record.reportDocumentId === null) {
      try {
        filed = { record: await this.storeReportDocument(result.record), created: true };
      } catch (error) {
        // The case is filed and safe; its PDF is rendered again by completePendingDocuments().
        this.logger.error(
          { caseId: result.record.id, err: error },
          'report document not stored yet',
        );
      }
    }
    await this.notify(filed.record);
    return filed;
  }

  /** Tells the case's handlers; a failed notification is logged and never undoes the filing. */
  private async notify(record: CaseRecord): Promise<void> {
    if (this.notifier === undefined) return;
    try {
      await this.notifier.notifyNewCase(record);
    } catch (error) {
      this.logger.error({ caseId: record.id, err: error }, 'notification of new case failed');
    }
  }

  /**
   * Keeps a file sent for a report not yet filed (checked: size, count, a type whose content
   * matches its name). It joins the report when the report is filed under the same key.
   */
  async addDraftAttachment(
    actor: Actor,
    input: { idempotencyKey: unknown; name: string; content: Uint8Array },
  ): Promise<PendingFileRef> {
    const key = parseOrThrow(idempotencyKeySchema, input.idempotencyKey, 'idempotencyKey');
    const owner = `${actor.id}:${key}`;
    const already = await this.store.listPendingFiles(owner);
    const check = checkAttachment(input.name, input.content, already.length);
    if (!check.ok) throw attachmentError(check.reason);
    const ref = await this.store.putPendingFile({
      owner,
      name: check.name,
      mediaType: check.mediaType,
      content: input.content,
      createdAt: formatStockholm(this.now()),
    });
    this.logger.info({ size: ref.size, mediaType: ref.mediaType }, 'attachment received');
    return ref;
  }

  /** The files sent so far for a report not yet filed. */
  async listDraftAttachments(actor: Actor, idempotencyKey: unknown): Promise<PendingFileRef[]> {
    const key = parseOrThrow(idempotencyKeySchema, idempotencyKey, 'idempotencyKey');
    return this.store.listPendingFiles(`${actor.id}:${key}`);
  }

  /** Forgets the files of a report that was cancelled. */
  async discardDraftAttachments(actor: Actor, idempotencyKey: unknown): Promise<void> {
    const key = parseOrThrow(idempotencyKeySchema, idempotencyKey, 'idempotencyKey');
    await this.store.deletePendingFiles(`${actor.id}:${key}`);
  }

  /** Renders and stores the PDF of every case filed without one (after a crash). */
  async completePendingDocuments(): Promise<number> {
    const pending = await this.store.listCasesMissingReportDocument();
    for (const record of pending) await this.storeReportDocument(record);
    if (pending.length > 0)
      this.logger.info({ count: pending.length }, 'report documents completed');
    return pending.length;
  }

  /** A case as `actor` may see it; every open of a protected case is written to the access log. */
  async getCase(actor: Actor, caseId: string): Promise<CaseForActor> {
    const record = await this.loadVisible(actor, caseId);
    const access = caseAccess(actor, accessFacts(record));
    if (record.protectedIdentity && access.view !== 'registry') {
      await this.logRead(actor, record, 'case');
    }
    return { access, record: projectCase(record, access) };
  }

  /**
   * A case the actor has just changed, trimmed to what they may see: a registrar who registers a
   * case sees its registry entry afterwards, not the report it carries.
   */
  viewFor(actor: Actor, record: CaseRecord): CaseForActor {
    const access = caseAccess(actor, accessFacts(record));
    return { access, record: projectCase(record, access) };
  }

  /** The case list as `actor` may see it. */
  async listCases(
    actor: Actor,
    query: Omit<CaseQuery, 'visibility'>,
  ): Promise<{ items: CaseForActor[]; total: number }> {
    const page: CasePage = await this.store.listCases({
      ...query,
      visibility: visibilityFilter(actor),
    });
    return {
      total: page.total,
      items: page.items.map((record) => ({
        access: caseAccess(actor, accessFacts(record)),
        record: caseSummary(record),
      })),
    };
  }

  /** The events of a case, for those who see it in full. */
  async listEvents(actor: Actor, caseId: string): Promise<StoredCaseEvent[]> {
    const record = await this.loadVisible(actor, caseId);
    if (caseAccess(actor, accessFacts(record)).view !== 'full') throw new ForbiddenError();
    if (record.protectedIdentity) await this.logRead(actor, record, 'events');
    return this.store.listEvents(caseId);
  }

  /** Takes a workflow step on a case, as of the version the actor saw. */
  async takeStep(
    actor: Actor,
    caseId: string,
    step: WorkflowStep,
    options: { expectedVersion: number; reason?: string },
  ): Promise<CaseRecord> {
    const record = await this.loadVisible(actor, caseId);
    this.requireAction(actor, record, stepAction[step]);
    const at = formatStockholm(this.now());
    const context = stepContext(record);
    const event = takeStep(
      record.state,
      step,
      options.reason === undefined ? context : { ...context, reason: options.reason },
      actor,
      at,
    );
    const person = personOf(actor);
    const next: CaseRecord = { ...record, state: event.to, updatedAt: at };
    if (step === 'declineInvestigation') {
      next.decision = {
        outcome: 'decisionNotToInvestigate',
        decidedAt: at,
        decidedBy: person,
        ...(event.reason ? { reasoning: event.reason } : {}),
      };
    }
    if (step === 'recordDecision') {
      next.decision = { outcome: this.outcomeOf(record), decidedAt: at, decidedBy: person };
    }
    if (step === 'openInvestigation' && next.investigation === null) {
      next.investigation = { startedAt: at };
    }
    next.nextDeadlineAt = nextDeadlineAt(next);
    const register =
      step === 'register' && record.registrationNumber === null
        ? this.registrationRequest(record, this.now())
        : undefined;
    return this.store.updateCase({
      record: next,
      expectedVersion: options.expectedVersion,
      events: [event],
      ...(register ? { register } : {}),
    });
  }

  /** Saves the investigation form (whole), as of the version the investigator saw. */
  async updateInvestigation(
    actor: Actor,
    caseId: string,
    input: { expectedVersion: number; investigation: unknown },
  ): Promise<CaseRecord> {
    const investigation = parseOrThrow(investigationSchema, input.investigation, 'investigation.');
    return this.change(
      actor,
      caseId,
      'editInvestigation',
      input.expectedVersion,
      (record) => {
        if (record.type !== 'lexSarah') throw this.wrongType();
        if (
          record.decision !== null &&
          investigation.proposedDecision !== record.investigation?.proposedDecision
        ) {
          throw new ValidationError([
            {
              field: 'investigation.proposedDecision',
              message: {
                sv: 'Förslag till beslut: Beslutet är registrerat; förslaget kan inte längre ändras.',
                en: 'Proposed decision: The decision is recorded; the proposal can no longer change.',
              },
            },
          ]);
        }
        return { record: { ...record, investigation }, detail: 'investigation' };
      },
      'investigationUpdated',
    );
  }

  /** Saves the DPO's assessment of a breach, as of the version seen. */
  async updateAssessment(
    actor: Actor,
    caseId: string,
    input: { expectedVersion: number; assessment: unknown },
  ): Promise<CaseRecord> {
    const assessment = parseOrThrow(breachAssessmentSchema, input.assessment, 'assessment.');
    return this.change(
      actor,
      caseId,
      'editInvestigation',
      input.expectedVersion,
      (record) => {
        if (record.type !== 'personalDataBreach') throw this.wrongType();
        return { record: { ...record, assessment }, detail: 'assessment' };
      },
      'assessmentUpdated',
    );
  }

  /** Adds an entry to the running case log. Entries are never changed afterwards. */
  async addCaseLogEntry(
    actor: Actor,
    caseId: string,
    input: { expectedVersion: number; entry: unknown },
  ): Promise<CaseRecord> {
    const entryInput = parseOrThrow(caseLogEntryInputSchema, input.entry, 'entry.');
    return this.change(
      actor,
      caseId,
      'addCaseLogEntry',
      input.expectedVersion,
      (record, at) => {
        const entry: CaseLogEntry = {
          ...entryInput,
          id: this.newId(),
          documentedAt: at,
          signedBy: personOf(actor),
        };
        return { record: { ...record, caseLog: [...record.caseLog, entry] }, detail: entry.id };
      },
      'caseLogEntryAdded',
    );
  }

  /**
   * Renders the delegated decision (PDF/A) from a decided Lex Sarah case and files it on the
   * case, with the legal reference of the investigation's act from the routing table's text.
   */
  async generateDecisionDocument(actor: Actor, caseId: string): Promise<DocumentRef> {
    const record = await this.loadVisible(actor, caseId);
    this.requireAction(actor, record, 'generateDecision');
    if (record.type !== 'lexSarah') throw this.wrongType();
    if (!['decided', 'reportedToAuthority', 'closed'].includes(record.state)) {
      throw new ValidationError([
        {
          field: 'state',
          message: {
            sv: 'Beslutet kan skapas först när beslutet är registrerat.',
            en: 'The decision document can be made once the decision is recorded.',
          },
        },
      ]);
    }
    const references = this.routing.legalReferences;
    const legalReference =
      (record.investigation?.law === 'LSS' ? references.lexSarahLss : references.lexSarahReport) ??
      '';
    const model = buildDecisionDocument(record, this.routing.authority, legalReference);
    return this.fileDocument(
      actor,
      record,
      'decision',
      `${record.registrationNumber ?? record.id} beslut.pdf`,
      model,
    );
  }

  /** Renders the investigation as documented so far (PDF/A) and files it on the case. */
  async generateInvestigationDocument(actor: Actor, caseId: string): Promise<DocumentRef> {
    const record = await this.loadVisible(actor, caseId);
    this.requireAction(actor, record, 'editInvestigation');
    if (record.type !== 'lexSarah') throw this.wrongType();
    const model = buildInvestigationDocument(
      record,
      this.routing.authority,
      formatStockholm(this.now()),
    );
    return this.fileDocument(
      actor,
      record,
      'investigation',
      `${record.registrationNumber ?? record.id} utredning.pdf`,
      model,
    );
  }

  /** Adds a file to a case (a handler's attachment, e.g. one the case log refers to by number). */
  async addCaseAttachment(
    actor: Actor,
    caseId: string,
    input: { name: string; content: Uint8Array },
  ): Promise<DocumentRef> {
    const record = await this.loadVisible(actor, caseId);
    this.requireAction(actor, record, 'addAttachment');
    requireOpen(record);
    const check = checkAttachment(input.name, input.content, 0);
    if (!check.ok) throw attachmentError(check.reason);
    const at = formatStockholm(this.now());
    const ref = await this.store.putDocument({
      caseId: record.id,
      kind: 'attachment',
      name: check.name,
      mediaType: check.mediaType,
      content: input.content,
      createdBy: actor.id,
      createdAt: at,
    });
    await this.recordDocument(actor, record.id, ref.id, at);
    return ref;
  }

  private async fileDocument(
    actor: Actor,
    record: CaseRecord,
    kind: 'decision' | 'investigation',
    name: string,
    model: DocumentModel,
  ): Promise<DocumentRef> {
    const content = await this.renderDocument(model);
    const at = formatStockholm(this.now());
    const ref = await this.store.putDocument({
      caseId: record.id,
      kind,
      name,
      mediaType: 'application/pdf',
      content,
      createdBy: actor.id,
      createdAt: at,
    });
    await this.recordDocument(actor, record.id, ref.id, at);
    return ref;
  }

  /** Logs a document on the case's history, retrying if the case changed meanwhile. */
  private async recordDocument(
    actor: Pick<Actor, 'id' | 'name'>,
    caseId: string,
    documentId: string,
    at: string,
    options: {
      /** A change to make with the event, e.g. pointing the case at its report PDF. */
      change?: (current: CaseRecord) => CaseRecord;
      /** Leave the case as it is when this holds (someone recorded the document first). */
      done?: (current: CaseRecord) => boolean;
    } = {},
  ): Promise<CaseRecord> {
    // Reload on every try: a handler may change the case while the document is being stored.
    for (;;) {
      const current = await this.store.getCase(caseId);
      if (!current) throw new NotFoundError(caseNotFound);
      if (options.done?.(current)) return current;
      const changed = options.change ? options.change(current) : current;
      try {
        return await this.store.updateCase({
          record: { ...changed, updatedAt: at },
          expectedVersion: current.version,
          events: [
            {
              kind: 'documentAdded',
              at,
              actorId: actor.id,
              actorName: actor.name,
              detail: documentId,
            },
          ],
        });
      } catch (error) {
        if (error instanceof ConflictError) continue;
        throw error;
      }
    }
  }

  /** The documents of a case, for those who see it in full (the reporter sees their report's). */
  async listDocuments(actor: Actor, caseId: string): Promise<DocumentRef[]> {
    const record = await this.loadVisible(actor, caseId);
    const documents = await this.visibleDocuments(actor, record);
    if (record.protectedIdentity && documents.length > 0)
      await this.logRead(actor, record, 'documents');
    return documents;
  }

  private async visibleDocuments(actor: Actor, record: CaseRecord): Promise<DocumentRef[]> {
    const caseId = record.id;
    const { view } = caseAccess(actor, accessFacts(record));
    const documents = await this.store.listDocuments(caseId);
    switch (view) {
      case 'full':
        return documents;
      case 'status':
        return documents.filter((document) => document.id === record.reportDocumentId);
      case 'registry':
      case 'none':
        return [];
    }
  }

  /** One document's content; reads of a protected case's documents are logged. */
  async getDocument(
    actor: Actor,
    caseId: string,
    documentId: string,
  ): Promise<{ ref: DocumentRef; content: Uint8Array }> {
    const record = await this.loadVisible(actor, caseId);
    const allowed = await this.visibleDocuments(actor, record);
    if (!allowed.some((document) => document.id === documentId)) {
      throw new NotFoundError({ sv: 'Dokumentet', en: 'The document' });
    }
    const asHandler = caseAccess(actor, accessFacts(record)).view === 'full';
    const found = await this.store.getDocument(caseId, documentId, { asHandler });
    if (!found) throw new NotFoundError({ sv: 'Dokumentet', en: 'The document' });
    if (record.protectedIdentity) await this.logRead(actor, record, `document:${documentId}`);
    return found;
  }

  /** The access log of protected cases, for the data protection officer. */
  async listAccessLog(
    actor: Actor,
    query: { caseId?: string; limit: number; offset?: number },
  ): Promise<AccessLogEntry[]> {
    if (!mayReadAccessLog(actor)) throw new ForbiddenError();
    return this.store.listAccessLog(query);
  }

  private withReporter(report: Report, actor: Actor): Report {
    // The identity is the signed-in person's; the other contact details stay as the reporter gave them.
    const given = report.answers.reporter;
    const title = given?.title ?? actor.title;
    const reporter = { ...given, name: actor.name, ...(title ? { title } : {}) };
    switch (report.type) {
      case 'lexSarah':
        return { type: report.type, answers: { ...report.answers, reporter } };
      case 'personalDataBreach':
        return { type: report.type, answers: { ...report.answers, reporter } };
      case 'securityIncident':
        return { type: report.type, answers: { ...report.answers, reporter } };
    }
  }

  /**
   * The report with its attachments taken from the files the reporter sent under this key:
   * references in the request itself are never trusted, since they could name anyone's file.
   */
  private async withPendingAttachments(report: Report, owner: string): Promise<Report> {
    const pending = await this.store.listPendingFiles(owner);
    const attachments = pending.map((file) => ({
      documentId: file.id,
      name: file.name,
      mediaType: file.mediaType,
      size: file.size,
    }));
    switch (report.type) {
      case 'lexSarah':
        return { type: report.type, answers: withAttachments(report.answers, attachments) };
      case 'personalDataBreach':
        return { type: report.type, answers: withAttachments(report.answers, attachments) };
      case 'securityIncident':
        return { type: report.type, answers: withAttachments(report.answers, attachments) };
    }
  }

  private registrationRequest(record: CaseRecord, now: Date): RegistrationRequest {
    return {
      series: record.registry.series,
      classification: record.registry.classification,
      year: Number(localDate(now).slice(0, 4)),
    };
  }

  private outcomeOf(record: CaseRecord): string {
    switch (record.type) {
      case 'lexSarah':
        return record.investigation?.proposedDecision ?? 'unknown';
      case 'personalDataBreach':
        return record.assessment?.imyNotification?.decision ?? 'unknown';
      case 'securityIncident':
        return 'handled';
    }
  }

  private wrongType(): ValidationError {
    return new ValidationError([
      {
        field: 'type',
        message: {
          sv: 'Uppgiften hör inte till den här typen av ärende.',
          en: 'This does not belong to this type of case.',
        },
      },
    ]);
  }

  private async loadVisible(actor: Actor, caseId: string): Promise<CaseRecord> {
    const record = await this.store.getCase(caseId);
    // A case the actor may not see does not exist for them: no hint that it does.
    if (!record || caseAccess(actor, accessFacts(record)).view === 'none') {
      throw new NotFoundError(caseNotFound);
    }
    return record;
  }

  private requireAction(actor: Actor, record: CaseRecord, action: CaseAction): void {
    if (!caseAccess(actor, accessFacts(record)).actions.includes(action)) {
      throw new ForbiddenError();
    }
  }

  private async change(
    actor: Actor,
    caseId: string,
    action: CaseAction,
    expectedVersion: number,
    apply: (record: CaseRecord, at: string) => { record: CaseRecord; detail: string },
    kind: 'investigationUpdated' | 'caseLogEntryAdded' | 'assessmentUpdated',
  ): Promise<CaseRecord> {
    const record = await this.loadVisible(actor, caseId);
    this.requireAction(actor, record, action);
    requireOpen(record);
    const at = formatStockholm(this.now());
    const changed = apply(record, at);
    const next = { ...changed.record, updatedAt: at };
    next.nextDeadlineAt = nextDeadlineAt(next);
    return this.store.updateCase({
      record: next,
      expectedVersion,
      events: [{ kind, at, actorId: actor.id, actorName: actor.name, detail: changed.detail }],
    });
  }

  private async storeReportDocument(record: CaseRecord): Promise<CaseRecord> {
    const model = buildReportDocument(record, this.routing.authority);
    const content = await this.renderDocument(model);
    const at = formatStockholm(this.now());
    // One report document per case, however often this runs (a retry, two servers at start).
    const id = reportDocumentId(record.id);
    try {
      await this.store.putDocument({
        id,
        caseId: record.id,
        kind: 'report',
        name: `${record.registrationNumber ?? record.id} rapport.pdf`,
        mediaType: 'application/pdf',
        content,
        createdBy: 'system',
        createdAt: at,
      });
    } catch (error) {
      // An earlier rendering (before the case had its number, say) is stored: it is the report
      // as filed, and the one to record.
      if (!(error instanceof ConflictError)) throw error;
    }
    return this.recordDocument({ id: 'system', name: 'System' }, record.id, id, at, {
      change: (current) => ({ ...current, reportDocumentId: id }),
      done: (current) => current.reportDocumentId !== null,
    });
  }

  private async logRead(actor: Actor, record: CaseRecord, what: string): Promise<void> {
    await this.store.appendAccessLog({
      at: formatStockholm(this.now()),
      actorId: actor.id,
      actorName: actor.name,
      caseId: record.id,
      registrationNumber: record.registrationNumber,
      what,
    });
  }
}
