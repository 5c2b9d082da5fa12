/**
 * `npm run bench`: one JSON object per benchmark on its own line (ARCHITECTURE contract).
 * Measures the embedded product on this machine; nothing here is a test or asserts a time.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { visibilityFilter, type Actor } from '../src/core/access.js';
import type { CaseRecord } from '../src/core/cases.js';
import { buildReportDocument } from '../src/core/documents/reportDocument.js';
import { renderPdf } from '../src/core/documents/pdf.js';
import type { Logger } from '../src/core/logger.js';
import { findPersonalData } from '../src/core/personalData.js';
import { parseRoutingTable } from '../src/core/routing.js';
import { CaseService } from '../src/core/service.js';
import { openLocalStore } from '../src/store/local/localStore.js';
import { benchGraph } from './graph.js';
import { lexSarahReport as report } from './report.js';

const reporter: Actor = {
  id: 'u-reporter',
  name: 'Jonas Quist',
  title: 'Coach',
  roles: ['reporter'],
  groups: [],
};
const registrar: Actor = { id: 'u-registrar', name: 'Per Holm', roles: ['registrar'], groups: [] };
const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const routing = parseRoutingTable(JSON.parse(readFileSync('config/routing.json', 'utf8')));

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? 0) * 100) / 100;
}

function emit(result: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ ...result, node: process.version })}\n`);
}

async function timed<T>(work: () => Promise<T>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function withStore<T>(
  work: (service: CaseService, store: ReturnType<typeof openLocalStore>) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), 'avvikelse-bench-'));
  const store = openLocalStore(dir);
  try {
    return await work(new CaseService({ store, routing, logger: silent }), store);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchPdf(): Promise<void> {
  await withStore(async (service, store) => {
    const { record } = await service.submitReport(reporter, {
      report,
      idempotencyKey: 'bench-pdf-0',
    });
    const model = buildReportDocument(
      (await store.getCase(record.id)) as CaseRecord,
      routing.authority,
    );
    const times: number[] = [];
    for (let i = 0; i < 30; i += 1) times.push(await timed(() => renderPdf(model)));
    times.sort((a, b) => a - b);
    emit({
      name: 'pdf.renderReport',
      unit: 'ms',
      runs: times.length,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
    });
  });
}

async function benchFiling(): Promise<void> {
  await withStore(async (service) => {
    const times: number[] = [];
    const start = performance.now();
    for (let i = 0; i < 100; i += 1) {
      times.push(
        await timed(() =>
          service.submitReport(reporter, { report, idempotencyKey: `bench-seq-${String(i)}` }),
        ),
      );
    }
    const seconds = (performance.now() - start) / 1000;
    times.sort((a, b) => a - b);
    emit({
      name: 'filing.sequential',
      unit: 'ms',
      description: 'validate, route, register, store, render and store the PDF',
      runs: times.length,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      perSecond: Math.round((times.length / seconds) * 10) / 10,
    });
  });
  await withStore(async (service) => {
    const count = 200;
    const seconds =
      (await timed(() =>
        Promise.all(
          Array.from({ length: count }, (_, i) =>
            service.submitReport(reporter, { report, idempotencyKey: `bench-par-${String(i)}` }),
          ),
        ),
      )) / 1000;
    emit({
      name: 'filing.concurrent',
      unit: 'filings/s',
      runs: count,
      value: Math.round((count / seconds) * 10) / 10,
    });
  });
}

/** Grows one store to 10,000 and then 100,000 cases, timing list queries at each size. */
async function benchList(): Promise<void> {
  await withStore(async (service, store) => {
    const { record } = await service.submitReport(reporter, {
      report,
      idempotencyKey: 'bench-list-0',
    });
    const template = (await store.getCase(record.id)) as CaseRecord;
    const officer: Actor = {
      id: 'u-officer',
      name: 'Lena Sarin',
      roles: ['lexSarahOfficer'],
      groups: ['lexSarahOfficer'],
    };
    const someone: Actor = { id: 'u-reporter-7', name: 'R', roles: ['reporter'], groups: [] };
    // Twenty units, so a search for one finds about one case in twenty, as in a registry.
    const units = (
      'Kista Skärholmen Husby Rinkeby Tensta Farsta Hässelby Vällingby Älvsjö Södermalm ' +
      'Östermalm Liljeholmen Hagsätra Rågsved Bredäng Spånga Bromma Enskede Årsta Norrmalm'
    ).split(' ');
    let filled = 1;
    for (const total of [10_000, 100_000]) {
      const started = performance.now();
      for (; filled < total; filled += 1) {
        const i = filled;
        const day = String(1 + (i % 28)).padStart(2, '0');
        const month = String(1 + (i % 12)).padStart(2, '0');
        const breach = i % 5 === 0;
        const unit = `Jobbtorg ${units[i % units.length] ?? 'Kista'}`;
        await store.createCase({
          record: {
            ...template,
            id: `bench-${String(i)}`,
            // Spread over types, groups, states, reporters and a year, as a registry is.
            type: breach ? 'personalDataBreach' : 'lexSarah',
            routedGroup: breach ? 'dpo' : 'lexSarahOfficer',
            unit,
            title: breach
              ? 'Personuppgiftsincident – Obehörig åtkomst'
              : `Lex Sarah-rapport – ${unit}`,
            reporter: { id: `u-reporter-${String(i % 500)}`, name: 'R' },
            receivedAt: `2026-${month}-${day}T10:00:00+01:00`,
            nextDeadlineAt: i % 7 === 0 ? `2026-${month}-${day}T18:00:00+01:00` : null,
            state: i % 3 === 0 ? 'underInvestigation' : 'registered',
          },
          events: [],
          idempotencyKey: `bench-list-${String(i)}`,
          fingerprint: 'bench',
          register: { series: 'AMN', year: 2026, classification: '1.3' },
        });
      }
      emit({
        name: 'list.fill',
        unit: 'cases/s',
        cases: total,
        value: Math.round((total - 1) / ((performance.now() - started) / 1000)),
      });
      for (const [label, actor, extra] of [
        ['registrar.firstPage', registrar, {}],
        ['registrar.page100', registrar, { offset: 5_000 }],
        ['officer.underInvestigation', officer, { states: ['underInvestigation'] }],
        // A registration number (one case), a unit in the title (one in twenty), and two
        // letters: too short for the trigram index, so every visible case is read.
        ['officer.search', officer, { search: '2026-0042' }],
        ['officer.searchTitle', officer, { search: 'SKÄRHOLM' }],
        ['officer.searchShort', officer, { search: 'rå' }],
        [
          'officer.overdue',
          officer,
          { deadlineBefore: '2026-06-01T00:00:00+02:00', sort: 'nextDeadlineAt' },
        ],
        // As the tab asks: overdue, newest first.
        ['officer.overdueNewest', officer, { deadlineBefore: '2026-06-01T00:00:00+02:00' }],
        ['reporter.mine', someone, { reporterId: someone.id }],
      ] as const) {
        const times: number[] = [];
        for (let i = 0; i < 20; i += 1) {
          times.push(
            await timed(() =>
              store.listCases({ visibility: visibilityFilter(actor), limit: 50, ...extra }),
            ),
          );
        }
        times.sort((a, b) => a - b);
        emit({
          name: `list.${label}`,
          unit: 'ms',
          cases: total,
          runs: times.length,
          p50: percentile(times, 50),
          p95: percentile(times, 95),
        });
      }
    }
  });
}

function benchPersonalData(): void {
  const paragraph =
    'Den 2026-02-05 kl. 14:00 ringde aspiranten (811218-9876) från 070-123 45 67 och mejlade a.b@example.org om beslutet AMN 2026-0042-1.3; ersättningen var 12 500 kr. ';
  const text = paragraph.repeat(700);
  const times: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    const start = performance.now();
    findPersonalData(text);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const p50 = percentile(times, 50);
  emit({
    name: 'personalData.scan',
    unit: 'ms',
    chars: text.length,
    runs: times.length,
    p50,
    p95: percentile(times, 95),
    mbPerSecond: Math.round((text.length / 1e6 / (p50 / 1000)) * 10) / 10,
  });
}

/** One chunk of the Vite manifest (`dist/tab/.vite/manifest.json`). */
interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

/**
 * The investigator tab's initial download: builds the tab, then follows the entry's static
 * imports in Vite's manifest (lazy chunks such as the case page, teams-js and MSAL excluded)
 * and sums the JavaScript as gzip, the way the server sends it.
 */
function benchTabBundle(): void {
  execFileSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'],
    {
      stdio: 'inherit',
    },
  );
  const dir = 'dist/tab';
  const manifest = JSON.parse(
    readFileSync(path.join(dir, '.vite/manifest.json'), 'utf8'),
  ) as Record<string, ManifestChunk>;
  // The app's own page; the team tab's configuration page (config.html) is another entry.
  const entry = manifest['index.html']?.isEntry === true ? 'index.html' : undefined;
  if (entry === undefined) throw new Error('The tab build has no entry in its manifest');
  const files = new Set<string>();
  const css = new Set<string>();
  const visit = (key: string): void => {
    const chunk = manifest[key];
    if (chunk === undefined || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const sheet of chunk.css ?? []) css.add(sheet);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entry);
  const sizes = (names: Set<string>) => {
    let raw = 0;
    let gzip = 0;
    let brotli = 0;
    for (const name of names) {
      const content = readFileSync(path.join(dir, name));
      raw += content.byteLength;
      gzip += gzipSync(content, { level: 9 }).byteLength;
      brotli += brotliCompressSync(content).byteLength;
    }
    return { raw, gzip, brotli };
  };
  const js = sizes(files);
  emit({
    name: 'tab.initialJs',
    unit: 'bytes',
    // Named, so a lazy client (teams-js, MSAL) pulled into the first load shows at once.
    files: [...files].map((file) => path.basename(file).replace(/-[\w-]{8}\.js$/, '.js')),
    rawBytes: js.raw,
    gzipBytes: js.gzip,
    brotliBytes: js.brotli,
    cssGzipBytes: sizes(css).gzip,
  });
}

await benchGraph(emit);
await benchPdf();
await benchFiling();
await benchList();
benchPersonalData();
benchTabBundle();
