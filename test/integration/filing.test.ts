import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { weekdayName } from '../../src/core/calendar.js';
import { formatLocalDateTime } from '../../src/core/documents/reportDocument.js';
import { ValidationError } from '../../src/core/errors.js';
import { optionLabel, type optionLabels } from '../../src/core/fields.js';
import type { Logger } from '../../src/core/logger.js';
import { parseRoutingTable } from '../../src/core/routing.js';
import { CaseService } from '../../src/core/service.js';
import { openLocalStore, type LocalStore } from '../../src/store/local/localStore.js';
import { actors } from '../fixtures/cases.js';
import { loadScenarios, type Scenario } from '../fixtures/scenarios.js';
import { extractPdfPages, normaliseWhitespace } from '../helpers/pdfText.js';

const routing = parseRoutingTable(JSON.parse(readFileSync('config/routing.json', 'utf8')));
const NOW = new Date('2026-11-25T10:00:00+01:00');

/** Option sets of enum-valued fields, so the test knows what the PDF prints for a value. */
const optionSetOf: Record<string, keyof typeof optionLabels> = {
  kind: 'kind',
  area: 'area',
  'affectedPerson.gender': 'gender',
  'affectedPerson.protectedIdentity': 'yesNoUnknown',
  category: 'breachCategory',
  dataCategories: 'dataCategory',
};
const instantFields = new Set(['noticedAt', 'occurredAt', 'discoveredAt', 'email.sentAt']);

/** Every answer of a scenario as the report document must print it. */
function printedAnswers(answers: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(answers).flatMap(([key, value]): string[] => {
    const field = prefix + key;
    const set = optionSetOf[field];
    if (Array.isArray(value)) {
      return value.flatMap((item): string[] => {
        if (typeof item === 'object' && item !== null)
          return printedAnswers(item as Record<string, unknown>, `${field}.`);
        return [set ? optionLabel(set, String(item)).sv : String(item)];
      });
    }
    if (typeof value === 'object' && value !== null) {
      return printedAnswers(value as Record<string, unknown>, `${field}.`);
    }
    if (set) return [optionLabel(set, String(value)).sv];
    if (instantFields.has(field)) return [formatLocalDateTime(String(value))];
    return [String(value)];
  });
}

const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

// Fifty real PDFs are rendered below; allow them the time a slow CI machine needs.
jest.setTimeout(60_000);

describe('filing the shared scenarios through the core and the local store', () => {
  let dir: string;
  let store: LocalStore;
  let service: CaseService;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'avvikelse-filing-'));
    store = openLocalStore(dir);
    service = new CaseService({ store, routing, now: () => NOW, logger: silent });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const scenarios: Scenario[] = loadScenarios();
  it('has scenarios to file', () => {
    expect(scenarios.map((s) => s.type).sort()).toEqual(['lexSarah', 'personalDataBreach']);
  });

  for (const scenario of loadScenarios()) {
    it(`files "${scenario.title}" as a registered case with a complete PDF`, async () => {
      const { record, created } = await service.submitReport(actors.reporter, {
        report: { type: scenario.type, answers: scenario.answers },
        idempotencyKey: `scenario-${scenario.file}`,
      });
      expect(created).toBe(true);
      expect(record.state).toBe('registered');
      expect(record.registrationNumber).toMatch(/^[A-ZÅÄÖ]+ \d{4}-\d{4}-[0-9.]+$/);
      if (typeof scenario.expect.registrationNumberPattern === 'string') {
        expect(record.registrationNumber).toMatch(
          new RegExp(scenario.expect.registrationNumberPattern),
        );
      }
      expect(record.routedGroup).toBe(scenario.expect.routedTo);
      if (typeof scenario.expect.imyDeadline === 'string') {
        const deadline = record.deadlines.find((d) => d.kind === 'imyNotification');
        expect(deadline?.dueAt).toBe(scenario.expect.imyDeadline);
      }
      if (typeof scenario.expect.weekdayOfNoticedAt === 'string') {
        const noticedAt = String(scenario.answers.noticedAt);
        expect(weekdayName(new Date(noticedAt), 'sv')).toBe(scenario.expect.weekdayOfNoticedAt);
      }

      expect(record.reportDocumentId).not.toBeNull();
      const document = await service.getDocument(
        actors.reporter,
        record.id,
        record.reportDocumentId ?? '',
      );
      expect(document.ref.mediaType).toBe('application/pdf');
      const pages = await extractPdfPages(Buffer.from(document.content));
      const text = normaliseWhitespace(pages.join(' '));
      // The header and page number of each page sit between two halves of a text that wraps
      // onto the next page: compare the body without them.
      const body = pages
        .map((page) =>
          page
            .replace(`${routing.authority} · ${record.registrationNumber ?? ''}`, '')
            .replace(/Klassificering [\d.]+/, '')
            .replace(/Sida \d+ av \d+/, ''),
        )
        .join(' ');
      const squashed = body.replace(/\s/g, '');
      for (const answer of printedAnswers(scenario.answers)) {
        // pdf.js may drop the space where a line wraps, so compare without whitespace.
        expect(squashed).toContain(answer.replace(/\s/g, ''));
      }
      expect(text).toContain(record.registrationNumber ?? 'missing');
      expect(text).toContain(actors.reporter.name);
      if (typeof scenario.expect.weekdayOfNoticedAt === 'string') {
        expect(text).toContain(scenario.expect.weekdayOfNoticedAt);
      }
    });
  }

  it('gives 50 concurrent submissions with distinct keys 50 distinct consecutive numbers', async () => {
    const scenario = scenarios.find((s) => s.type === 'lexSarah');
    if (!scenario) throw new Error('no Lex Sarah scenario');
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        service.submitReport(actors.reporter, {
          report: { type: scenario.type, answers: scenario.answers },
          idempotencyKey: `concurrent-${String(i)}`,
        }),
      ),
    );
    const sequences = results
      .map((r) => Number(r.record.registrationNumber?.slice(9, 13)))
      .sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(results.every((r) => r.record.reportDocumentId !== null)).toBe(true);
  });

  it('makes 50 concurrent submissions with one key into one case', async () => {
    const scenario = scenarios.find((s) => s.type === 'personalDataBreach');
    if (!scenario) throw new Error('no breach scenario');
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        service.submitReport(actors.reporter, {
          report: { type: scenario.type, answers: scenario.answers },
          idempotencyKey: 'double-click-key',
        }),
      ),
    );
    expect(new Set(results.map((r) => r.record.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const page = await service.listCases(actors.registrar, { limit: 100 });
    expect(page.total).toBe(1);
    expect(await store.listDocuments(results[0]!.record.id)).toHaveLength(1);
  });

  it('refuses invalid input with a typed error naming the field in Swedish and English', async () => {
    const scenario = scenarios.find((s) => s.type === 'lexSarah');
    if (!scenario) throw new Error('no Lex Sarah scenario');
    const withoutUnit = Object.fromEntries(
      Object.entries(scenario.answers).filter(([key]) => key !== 'unit'),
    );
    const attempt = service.submitReport(actors.reporter, {
      report: { type: 'lexSarah', answers: withoutUnit },
      idempotencyKey: 'invalid-1',
    });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    const error = (await attempt.catch((e: unknown) => e)) as ValidationError;
    expect(error.reason).toBe('validation');
    expect(error.issues.map((i) => i.field)).toEqual(['answers.unit']);
    expect(error.issues[0]?.message.sv).toContain('Enhetens/avdelningens namn');
    expect(error.issues[0]?.message.en).toContain('Name of the unit/department');
    expect(error.text.sv).toContain('answers.unit');
    expect((await service.listCases(actors.registrar, { limit: 10 })).total).toBe(0);
  });

  it('files the case even when the PDF fails, and renders it on the next start', async () => {
    const scenario = scenarios.find((s) => s.type === 'lexSarah');
    if (!scenario) throw new Error('no Lex Sarah scenario');
    const errors: string[] = [];
    const failing = new CaseService({
      store,
      routing,
      now: () => NOW,
      logger: { ...silent, error: (_fields, message) => errors.push(message) },
      renderDocument: () => Promise.reject(new Error('renderer down')),
    });
    const { record } = await failing.submitReport(actors.reporter, {
      report: { type: scenario.type, answers: scenario.answers },
      idempotencyKey: 'pdf-fails',
    });
    expect(record.registrationNumber).not.toBeNull();
    expect(record.reportDocumentId).toBeNull();
    expect(errors).toEqual(['report document not stored yet']);

    expect(await service.completePendingDocuments()).toBe(1);
    const stored = await store.getCase(record.id);
    expect(stored?.reportDocumentId).not.toBeNull();
    expect(await service.completePendingDocuments()).toBe(0);
  });
});
