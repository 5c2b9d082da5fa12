import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Actor } from '../../src/core/access.js';
import {
  ConflictError,
  ForbiddenError,
  IllegalTransitionError,
  NotFoundError,
  ValidationError,
} from '../../src/core/errors.js';
import type { Logger } from '../../src/core/logger.js';
import { parseRoutingTable, type RoutingTable } from '../../src/core/routing.js';
import { NewCaseNotifiers } from '../../src/core/notifications.js';
import { CaseService, PROTECTED_TITLE } from '../../src/core/service.js';
import { openLocalStore, type LocalStore } from '../../src/store/local/localStore.js';
import { actors } from '../fixtures/cases.js';
import { loadScenario } from '../fixtures/scenarios.js';
import { extractPdfPages, normaliseWhitespace } from '../helpers/pdfText.js';

jest.setTimeout(30_000);

const routingJson: unknown = JSON.parse(readFileSync('config/routing.json', 'utf8'));
const routing = parseRoutingTable(routingJson);
const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const asReport = ({ type, answers }: ReturnType<typeof loadScenario>) => ({ type, answers });
const lexSarah = asReport(loadScenario('lex-sarah-denied-placement.json'));
const breach = asReport(loadScenario('breach-misdirected-jobplan.json'));

const incident = {
  type: 'securityIncident',
  answers: {
    discoveredAt: '2026-11-24T08:15:00+01:00',
    occurredAt: '2026-11-24T07:50:00+01:00',
    category: 'phishingOrMalware',
    systems: 'E-post, Procapita',
    description: 'Nätfiskemejl klickades på; kontot spärrades.',
    measuresTaken: 'Lösenordet byttes.',
    significant: 'yes',
    personalDataInvolved: 'unsure',
  },
};

describe('CaseService commands on the local store', () => {
  let dir: string;
  let store: LocalStore;
  let clock: Date;
  let service: CaseService;
  const makeService = (table: RoutingTable = routing): CaseService =>
    new CaseService({ store, routing: table, now: () => clock, logger: silent });

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'avvikelse-service-'));
    store = openLocalStore(dir);
    clock = new Date('2026-11-25T10:00:00+01:00');
    service = makeService();
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const file = async (
    report: { type: string; answers: Record<string, unknown> },
    by: Actor = actors.reporter,
    key = `key-${String(Math.random()).slice(2)}`,
  ) => (await service.submitReport(by, { report, idempotencyKey: key })).record;
  const protectedLexSarah = {
    type: 'lexSarah',
    answers: { ...lexSarah.answers, affectedPerson: { gender: 'woman', protectedIdentity: 'yes' } },
  };

  it('tells the handlers of a new case once, and files it even when telling fails', async () => {
    const told: string[] = [];
    const failing = new NewCaseNotifiers();
    failing.add({
      notifyNewCase: (record) => {
        told.push(record.id);
        return Promise.resolve();
      },
    });
    failing.add({ notifyNewCase: () => Promise.reject(new Error('Teams is down')) });
    const errors: string[] = [];
    service = new CaseService({
      store,
      routing,
      now: () => clock,
      logger: { ...silent, error: (_fields, message) => errors.push(message) },
      notifier: failing,
    });
    const first = await service.submitReport(actors.reporter, {
      report: breach,
      idempotencyKey: 'notify-once-1',
    });
    const again = await service.submitReport(actors.reporter, {
      report: breach,
      idempotencyKey: 'notify-once-1',
    });
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    // Told once, though the second notifier failed; the case is filed with its PDF.
    expect(told).toEqual([first.record.id]);
    expect(errors).toEqual(['notification of new case failed']);
    expect((await store.getCase(first.record.id))?.reportDocumentId).not.toBeNull();
  });

  it('takes the reporter identity from the signed-in person, not from the form', async () => {
    const record = await file({
      type: 'lexSarah',
      answers: { ...lexSarah.answers, reporter: { name: 'Someone Else', phone: '08-123 456 78' } },
    });
    expect(record.report.answers.reporter).toEqual({
      name: actors.reporter.name,
      title: actors.reporter.title,
      phone: '08-123 456 78',
    });
    expect(record.signedBy.id).toBe(actors.reporter.id);
  });

  it('refuses a malformed idempotency key, naming it', async () => {
    const attempt = service.submitReport(actors.reporter, {
      report: lexSarah,
      idempotencyKey: 'x',
    });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ issues: [{ field: 'idempotencyKey' }] });
  });

  it('shows each actor the view the policy gives', async () => {
    const record = await file(lexSarah);
    const asReporter = await service.getCase(actors.reporter, record.id);
    expect(asReporter.access.view).toBe('status');
    expect(asReporter.record.report).toBeDefined();
    expect(asReporter.record).not.toHaveProperty('investigation');
    expect(asReporter.record).not.toHaveProperty('handlers');
    const asOfficer = await service.getCase(actors.officer, record.id);
    expect(asOfficer.access.view).toBe('full');
    expect(asOfficer.access.actions).toContain('recordDecision');
    const asRegistrar = await service.getCase(actors.registrar, record.id);
    expect(asRegistrar.access.view).toBe('registry');
    expect(asRegistrar.record.title).toBe(record.title);
    expect(asRegistrar.record).not.toHaveProperty('report');
    await expect(service.getCase(actors.otherReporter, record.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(service.getCase(actors.dpo, record.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.getCase(actors.officer, 'no-such-id')).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('keeps a protected case to its named handlers and logs every read', async () => {
    const record = await file(protectedLexSarah);
    expect(record.protectedIdentity).toBe(true);
    expect(record.handlers).toEqual(['u-officer']);
    await expect(service.getCase(actors.investigator, record.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const registry = await service.getCase(actors.registrar, record.id);
    expect(registry.record.title).toBe(PROTECTED_TITLE);
    expect(registry.record).not.toHaveProperty('unit');
    expect(await service.listAccessLog(actors.dpo, { limit: 10 })).toEqual([]);

    await service.getCase(actors.officer, record.id);
    const documents = await service.listDocuments(actors.officer, record.id);
    expect(documents).toHaveLength(1);
    await service.getDocument(actors.officer, record.id, documents[0]!.id);
    const log = await service.listAccessLog(actors.dpo, { caseId: record.id, limit: 10 });
    expect(log.map((entry) => [entry.actorId, entry.what])).toEqual([
      ['u-officer', `document:${documents[0]!.id}`],
      ['u-officer', 'documents'],
      ['u-officer', 'case'],
    ]);
    await service.listEvents(actors.officer, record.id);
    expect(
      (await service.listAccessLog(actors.dpo, { caseId: record.id, limit: 1 }))[0]?.what,
    ).toBe('events');
    // A list shows a protected case to no one by title, so listing it is no read to log.
    const listed = await service.listCases(actors.officer, { limit: 10 });
    expect(listed.items.find((item) => item.record.id === record.id)?.record).toMatchObject({
      title: PROTECTED_TITLE,
      protectedIdentity: true,
    });
    expect(listed.items[0]?.record).not.toHaveProperty('report');
    expect(log[0]?.registrationNumber).toBe(record.registrationNumber);
    await expect(service.listAccessLog(actors.officer, { limit: 10 })).rejects.toBeInstanceOf(
      ForbiddenError,
    );

    const list = await service.listCases(actors.registrar, { limit: 10 });
    expect(list.items[0]?.record.title).toBe(PROTECTED_TITLE);
  });

  it('marks every page of a protected case and fills in incident and e-mail sections', async () => {
    const protectedCase = await file(protectedLexSarah);
    const incidentCase = await file(incident);
    const breachCase = await file(breach);
    const text = async (id: string, documentId: string | null): Promise<string> => {
      const document = await service.getDocument(actors.reporter, id, documentId ?? '');
      return normaliseWhitespace((await extractPdfPages(Buffer.from(document.content))).join(' '));
    };
    expect(await text(protectedCase.id, protectedCase.reportDocumentId)).toContain(
      'SKYDDADE PERSONUPPGIFTER',
    );
    const incidentText = await text(incidentCase.id, incidentCase.reportDocumentId);
    expect(incidentText).toContain('Nätfiske eller skadlig kod');
    expect(incidentText).toContain('E-post, Procapita');
    const breachText = await text(breachCase.id, breachCase.reportDocumentId);
    expect(breachText).toContain('Din jobbplan');
    expect(breachText).toContain('a.person@example.org');
    expect(breachText).toContain('jobbplan.pdf (48211 byte)');
  });

  it('walks a Lex Sarah case from registered to closed, logging each step', async () => {
    const record = await file(lexSarah);
    const opened = await service.takeStep(actors.officer, record.id, 'openInvestigation', {
      expectedVersion: record.version,
    });
    expect(opened.state).toBe('underInvestigation');
    expect(opened.investigation?.startedAt).toBe('2026-11-25T10:00:00+01:00');
    // The registration deadline is met; the open-or-decline one too: the investigation target is next.
    expect(opened.nextDeadlineAt).toBe(
      opened.deadlines.find((d) => d.kind === 'investigationTarget')?.dueAt,
    );
    await expect(
      service.takeStep(actors.officer, record.id, 'recordDecision', {
        expectedVersion: opened.version,
      }),
    ).rejects.toBeInstanceOf(IllegalTransitionError);

    const investigated = await service.updateInvestigation(actors.investigator, record.id, {
      expectedVersion: opened.version,
      investigation: {
        law: 'SoL',
        whatHappened: 'Insatsen nekades.',
        proposedDecision: 'misconduct',
      },
    });
    await expect(
      service.updateInvestigation(actors.investigator, record.id, {
        expectedVersion: opened.version,
        investigation: { law: 'LSS' },
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    const logged = await service.addCaseLogEntry(actors.investigator, record.id, {
      expectedVersion: investigated.version,
      entry: {
        note: 'Samtal med enhetschef.',
        nature: 'fact',
        source: 'Enhetschef',
        attachmentNumber: 1,
      },
    });
    expect(logged.caseLog[0]).toMatchObject({
      nature: 'fact',
      signedBy: { id: actors.investigator.id, name: actors.investigator.name, title: 'Utredare' },
      documentedAt: '2026-11-25T10:00:00+01:00',
    });
    await expect(
      service.takeStep(actors.investigator, record.id, 'recordDecision', {
        expectedVersion: logged.version,
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const decided = await service.takeStep(actors.officer, record.id, 'recordDecision', {
      expectedVersion: logged.version,
    });
    expect(decided.decision).toMatchObject({
      outcome: 'misconduct',
      decidedBy: { id: 'u-officer' },
    });
    await expect(
      service.takeStep(actors.officer, record.id, 'reportToAuthority', {
        expectedVersion: decided.version,
      }),
    ).rejects.toBeInstanceOf(IllegalTransitionError);
    // After the decision the dates of informing are filled in; the outcome stays as decided.
    await expect(
      service.updateInvestigation(actors.officer, record.id, {
        expectedVersion: decided.version,
        investigation: { ...decided.investigation, proposedDecision: 'noMisconduct' },
      }),
    ).rejects.toEqual(
      expect.objectContaining({
        issues: [expect.objectContaining({ field: 'investigation.proposedDecision' })],
      }),
    );
    const informed = await service.updateInvestigation(actors.officer, record.id, {
      expectedVersion: decided.version,
      investigation: {
        ...decided.investigation,
        commissioningBoardInformedAt: '2026-11-26T00:00:00+01:00',
      },
    });
    expect(informed.investigation?.proposedDecision).toBe('misconduct');
    const closed = await service.takeStep(actors.officer, record.id, 'close', {
      expectedVersion: informed.version,
    });
    expect(closed.state).toBe('closed');
    expect(closed.nextDeadlineAt).toBeNull();

    const events = await service.listEvents(actors.officer, record.id);
    expect(events.map(({ event }) => ('step' in event ? event.step : event.kind))).toEqual([
      'filed',
      'submit',
      'register',
      'documentAdded',
      'openInvestigation',
      'investigationUpdated',
      'caseLogEntryAdded',
      'recordDecision',
      'investigationUpdated',
      'close',
    ]);
    await expect(service.listEvents(actors.reporter, record.id)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(
      service.takeStep(actors.reporter, record.id, 'close', { expectedVersion: closed.version }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('requires IVO before closing a serious case', async () => {
    const record = await file(lexSarah);
    let current = await service.takeStep(actors.officer, record.id, 'openInvestigation', {
      expectedVersion: 2,
    });
    current = await service.updateInvestigation(actors.officer, record.id, {
      expectedVersion: current.version,
      investigation: { proposedDecision: 'seriousMisconduct' },
    });
    current = await service.takeStep(actors.officer, record.id, 'recordDecision', {
      expectedVersion: current.version,
    });
    await expect(
      service.takeStep(actors.officer, record.id, 'close', { expectedVersion: current.version }),
    ).rejects.toBeInstanceOf(IllegalTransitionError);
    current = await service.takeStep(actors.officer, record.id, 'reportToAuthority', {
      expectedVersion: current.version,
    });
    expect(current.state).toBe('reportedToAuthority');
    current = await service.takeStep(actors.officer, record.id, 'close', {
      expectedVersion: current.version,
    });
    expect(current.state).toBe('closed');
  });

  it('records a decision not to investigate with its reason', async () => {
    const record = await file(lexSarah);
    await expect(
      service.takeStep(actors.officer, record.id, 'declineInvestigation', { expectedVersion: 2 }),
    ).rejects.toBeInstanceOf(IllegalTransitionError);
    const declined = await service.takeStep(actors.officer, record.id, 'declineInvestigation', {
      expectedVersion: 2,
      reason: 'Avser inte ett missförhållande.',
    });
    expect(declined.state).toBe('closedNoInvestigation');
    expect(declined.decision).toMatchObject({
      outcome: 'decisionNotToInvestigate',
      reasoning: 'Avser inte ett missförhållande.',
    });
  });

  it('keeps a closed case as it was closed: no edits, log entries or attachments', async () => {
    const record = await file(lexSarah);
    const declined = await service.takeStep(actors.officer, record.id, 'declineInvestigation', {
      expectedVersion: 2,
      reason: 'Avser inte ett missförhållande.',
    });
    const closedField = expect.objectContaining({
      reason: 'validation',
      issues: [expect.objectContaining({ field: 'state' })],
    });
    await expect(
      service.addCaseLogEntry(actors.officer, record.id, {
        expectedVersion: declined.version,
        entry: { note: 'Sent tillägg.', nature: 'fact', source: 'Samtal' },
      }),
    ).rejects.toEqual(closedField);
    await expect(
      service.updateInvestigation(actors.officer, record.id, {
        expectedVersion: declined.version,
        investigation: { law: 'SoL' },
      }),
    ).rejects.toEqual(closedField);
    await expect(
      service.addCaseAttachment(actors.officer, record.id, {
        name: 'sent.txt',
        content: new TextEncoder().encode('Sent tillägg.'),
      }),
    ).rejects.toEqual(closedField);
    const unchanged = await service.getCase(actors.officer, record.id);
    expect(unchanged.record.version).toBe(declined.version);
    expect(await service.listDocuments(actors.officer, record.id)).toHaveLength(1);
  });

  it("runs a breach on the DPO's assessment and stops the IMY clock when notified", async () => {
    const record = await file(breach);
    expect(record.nextDeadlineAt).toBe('2020-05-30T15:40:00+02:00');
    await expect(
      service.updateInvestigation(actors.dpo, record.id, { expectedVersion: 2, investigation: {} }),
    ).rejects.toBeInstanceOf(ValidationError);
    let current = await service.takeStep(actors.dpo, record.id, 'openInvestigation', {
      expectedVersion: 2,
    });
    current = await service.updateAssessment(actors.dpo, record.id, {
      expectedVersion: current.version,
      assessment: {
        imyNotification: { decision: 'required', notifiedAt: '2020-05-29T09:00:00+02:00' },
        imyReference: record.registrationNumber ?? '',
      },
    });
    expect(current.nextDeadlineAt).toBeNull();
    await expect(
      service.updateAssessment(actors.officer, record.id, {
        expectedVersion: current.version,
        assessment: {},
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    current = await service.takeStep(actors.dpo, record.id, 'recordDecision', {
      expectedVersion: current.version,
    });
    expect(current.decision?.outcome).toBe('required');
    current = await service.takeStep(actors.dpo, record.id, 'reportToAuthority', {
      expectedVersion: current.version,
    });
    current = await service.takeStep(actors.dpo, record.id, 'close', {
      expectedVersion: current.version,
    });
    expect(current.state).toBe('closed');
    await expect(
      service.updateAssessment(actors.dpo, 'missing', { expectedVersion: 1, assessment: {} }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('starts the Cybersecurity Act clocks for a significant incident', async () => {
    const record = await file(incident);
    expect(record.routedGroup).toBe('securityCoordinator');
    expect(record.deadlines.map((d) => d.kind)).toEqual([
      'earlyWarning',
      'incidentNotification',
      'finalReport',
    ]);
    expect(record.nextDeadlineAt).toBe('2026-11-25T08:15:00+01:00');
    let current = await service.takeStep(actors.isam, record.id, 'openInvestigation', {
      expectedVersion: 2,
    });
    current = await service.takeStep(actors.isam, record.id, 'recordDecision', {
      expectedVersion: current.version,
    });
    expect(current.decision?.outcome).toBe('handled');
    current = await service.takeStep(actors.isam, record.id, 'reportToAuthority', {
      expectedVersion: current.version,
    });
    expect(current.nextDeadlineAt).toBeNull();
    const quiet = await file({ ...incident, answers: { ...incident.answers, significant: 'no' } });
    expect(quiet.deadlines).toEqual([]);
  });

  it('leaves registration to the registrar when the route says so', async () => {
    const manual = parseRoutingTable({
      ...(routingJson as Record<string, unknown>),
      rules: [
        {
          type: 'lexSarah',
          group: 'lexSarahOfficer',
          series: 'AMN',
          classification: '1.3',
          registerOnSubmit: false,
        },
        { type: 'personalDataBreach', group: 'dpo', series: 'AMN', classification: '1.4' },
        {
          type: 'securityIncident',
          group: 'securityCoordinator',
          series: 'AMN',
          classification: '1.5',
        },
      ],
    });
    service = makeService(manual);
    const record = await file(lexSarah);
    expect(record.state).toBe('submitted');
    expect(record.registrationNumber).toBeNull();
    const registered = await service.takeStep(actors.registrar, record.id, 'register', {
      expectedVersion: record.version,
    });
    expect(registered.state).toBe('registered');
    expect(registered.registrationNumber).toBe('AMN 2026-0001-1.3');
  });

  it('shows the reporter only the report document, others nothing', async () => {
    const record = await file(lexSarah);
    const reportDocument = record.reportDocumentId ?? '';
    await store.putDocument({
      caseId: record.id,
      kind: 'attachment',
      name: 'anteckning.txt',
      mediaType: 'text/plain',
      content: new TextEncoder().encode('intern'),
      createdBy: actors.officer.id,
      createdAt: record.receivedAt,
    });
    expect((await service.listDocuments(actors.officer, record.id)).length).toBe(2);
    expect((await service.listDocuments(actors.reporter, record.id)).map((d) => d.id)).toEqual([
      reportDocument,
    ]);
    expect(await service.listDocuments(actors.registrar, record.id)).toEqual([]);
    await expect(
      service.getDocument(actors.registrar, record.id, reportDocument),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('files the attachments the reporter sent for the draft, and only those', async () => {
    const key = 'draft-with-files';
    const pdf = new TextEncoder().encode('%PDF-1.7 underlag');
    await service.addDraftAttachment(actors.reporter, {
      idempotencyKey: key,
      name: 'underlag.pdf',
      content: pdf,
    });
    await expect(
      service.addDraftAttachment(actors.reporter, {
        idempotencyKey: key,
        name: 'virus.pdf',
        content: new Uint8Array([0x4d, 0x5a]),
      }),
    ).rejects.toMatchObject({ reason: 'validation', issues: [{ field: 'attachments' }] });
    // Someone else's file under the same draft key is theirs, not this report's.
    await service.addDraftAttachment(actors.otherReporter, {
      idempotencyKey: key,
      name: 'annan.pdf',
      content: pdf,
    });
    expect((await service.listDraftAttachments(actors.reporter, key)).map((f) => f.name)).toEqual([
      'underlag.pdf',
    ]);

    const forged = {
      documentId: 'someone-elses-document',
      name: 'x.pdf',
      mediaType: 'application/pdf',
      size: 1,
    };
    const report = { ...lexSarah, answers: { ...lexSarah.answers, attachments: [forged] } };
    const { record } = await service.submitReport(actors.reporter, { report, idempotencyKey: key });
    const attachments = record.report.answers.attachments ?? [];
    expect(attachments.map((a) => a.name)).toEqual(['underlag.pdf']);
    const documents = await service.listDocuments(actors.officer, record.id);
    expect(documents.map((d) => d.kind).sort()).toEqual(['attachment', 'report']);
    expect(documents.find((d) => d.kind === 'attachment')?.id).toBe(attachments[0]?.documentId);
    const text = normaliseWhitespace(
      (
        await extractPdfPages(
          Buffer.from(
            (await service.getDocument(actors.officer, record.id, record.reportDocumentId ?? ''))
              .content,
          ),
        )
      ).join(' '),
    );
    expect(text).toContain('underlag.pdf');

    // A retry after the files moved still matches the first submission.
    const again = await service.submitReport(actors.reporter, { report, idempotencyKey: key });
    expect(again).toMatchObject({ created: false, record: { id: record.id } });
    expect(await service.listDraftAttachments(actors.reporter, key)).toEqual([]);
  });

  it('forgets the files of a cancelled draft', async () => {
    const content = new TextEncoder().encode('anteckning');
    await service.addDraftAttachment(actors.reporter, {
      idempotencyKey: 'draft-cancelled',
      name: 'a.txt',
      content,
    });
    await service.discardDraftAttachments(actors.reporter, 'draft-cancelled');
    expect(await service.listDraftAttachments(actors.reporter, 'draft-cancelled')).toEqual([]);
  });

  it('files the delegated decision and the investigation as PDF/A documents on the case', async () => {
    const record = await file(lexSarah);
    let current = await service.takeStep(actors.officer, record.id, 'openInvestigation', {
      expectedVersion: record.version,
    });
    current = await service.updateInvestigation(actors.investigator, record.id, {
      expectedVersion: current.version,
      investigation: {
        law: 'LSS',
        whatHappened: 'Insatsen nekades.',
        proposedDecision: 'misconduct',
      },
    });
    await expect(service.generateDecisionDocument(actors.officer, record.id)).rejects.toMatchObject(
      {
        reason: 'validation',
        issues: [{ field: 'state' }],
      },
    );
    const investigation = await service.generateInvestigationDocument(
      actors.investigator,
      record.id,
    );
    expect(investigation).toMatchObject({ kind: 'investigation', mediaType: 'application/pdf' });
    current = await service.takeStep(actors.officer, record.id, 'recordDecision', {
      expectedVersion: (await store.getCase(record.id))?.version ?? 0,
    });
    const decision = await service.generateDecisionDocument(actors.officer, record.id);
    expect(decision.kind).toBe('decision');
    const pdf = await service.getDocument(actors.officer, record.id, decision.id);
    const text = normaliseWhitespace((await extractPdfPages(Buffer.from(pdf.content))).join(' '));
    expect(text).toContain('Beslut enligt delegation');
    expect(text).toContain('24 b § LSS');
    expect(text).toContain('Lena Sarin');
    await expect(
      service.generateDecisionDocument(actors.reporter, record.id),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const events = await service.listEvents(actors.officer, record.id);
    expect(
      events
        .filter(({ event }) => event.kind === 'documentAdded')
        .map(({ event }) => 'detail' in event && event.detail),
    ).toEqual(expect.arrayContaining([investigation.id, decision.id]));
    expect(current.state).toBe('decided');
  });

  it("takes a handler's attachment to a case, checked like a report's", async () => {
    const record = await file(lexSarah);
    const ref = await service.addCaseAttachment(actors.investigator, record.id, {
      name: 'minnesanteckning.txt',
      content: new TextEncoder().encode('Samtal med enhetschef.'),
    });
    expect(ref).toMatchObject({
      kind: 'attachment',
      mediaType: 'text/plain',
      createdBy: actors.investigator.id,
    });
    await expect(
      service.addCaseAttachment(actors.investigator, record.id, {
        name: 'x.pdf',
        content: new Uint8Array([1, 2]),
      }),
    ).rejects.toMatchObject({ reason: 'validation', refusal: 'wrongType' });
    await expect(
      service.addCaseAttachment(actors.reporter, record.id, {
        name: 'a.txt',
        content: new TextEncoder().encode('x'),
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      service.generateDecisionDocument(actors.dpo, (await file(breach)).id),
    ).rejects.toMatchObject({ reason: 'validation', issues: [{ field: 'type' }] });
  });
});
