import type { CaseAccess } from '../../src/core/access.js';
import type { Deadline } from '../../src/core/clocks.js';
import type {
  CaseForViewer,
  CaseListPage,
  CaseListQuery,
  Me,
  VisibleCase,
} from '../../src/tabs/api/types.js';
import type { CaseApi } from '../../src/tabs/app/services.js';

/** The instant the tab's tests count deadlines from: 2026-11-25 12:00 in Stockholm. */
export const NOW = new Date('2026-11-25T12:00:00+01:00');

const fullAccess: CaseAccess = { view: 'full', actions: ['editInvestigation', 'addCaseLogEntry'] };

let counter = 0;

/** A list item as the server sends it for a full view; override what a test is about. */
export function caseItem(overrides: Partial<VisibleCase> = {}, access = fullAccess): CaseForViewer {
  counter += 1;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  return {
    access,
    case: {
      id,
      version: 1,
      type: 'lexSarah',
      state: 'registered',
      title: `Lex Sarah-rapport – Jobbtorg Kista ${String(counter)}`,
      registrationNumber: `AMN 2026-${String(counter).padStart(4, '0')}-1.3`,
      registry: { series: 'AMN', classification: '1.3' },
      protectedIdentity: false,
      routedGroup: 'lexSarahOfficer',
      unit: 'Jobbtorg Kista',
      area: 'jobCentre',
      receivedAt: '2026-11-20T09:00:00+01:00',
      deadlines: [],
      nextDeadlineAt: null,
      ...overrides,
    },
  };
}

/** A breach discovered 2026-11-24 15:00: IMY's 72 hours end 2026-11-27 15:00 (51 h after NOW). */
export function breachItem(overrides: Partial<VisibleCase> = {}): CaseForViewer {
  const imy: Deadline = {
    kind: 'imyNotification',
    dueAt: '2026-11-27T15:00:00+01:00',
    label: { sv: 'Anmälan till IMY', en: 'Notification to IMY' },
  };
  return caseItem({
    type: 'personalDataBreach',
    title: 'Personuppgiftsincident – mejl till fel mottagare',
    registry: { series: 'AMN', classification: '1.4' },
    deadlines: [imy],
    nextDeadlineAt: imy.dueAt,
    ...overrides,
  });
}

/** A Lex Sarah case whose "open or decline" deadline passed 12 hours before NOW. */
export function overdueLexSarahItem(overrides: Partial<VisibleCase> = {}): CaseForViewer {
  const openOrDecline: Deadline = {
    kind: 'openOrDecline',
    dueAt: '2026-11-24T23:59:59+01:00',
    label: {
      sv: 'Inleda utredning eller besluta att inte utreda',
      en: 'Open an investigation or decide not to investigate',
    },
  };
  return caseItem({
    deadlines: [openOrDecline],
    nextDeadlineAt: openOrDecline.dueAt,
    ...overrides,
  });
}

/** One page with these items; `total` defaults to their number. */
export function pageOf(items: CaseForViewer[], total = items.length): CaseListPage {
  return { total, items };
}

/** The signed-in officer. */
export const officer: Me = {
  id: 'u-officer',
  name: 'Lena Sarin',
  title: 'Lex Sarah-ansvarig',
  roles: ['reporter', 'lexSarahOfficer'],
  groups: ['lexSarahOfficer'],
};

/**
 * A stand-in for the API client: records every list query and answers with `respond`, which a
 * test may replace at any time (e.g. to fail once, then succeed).
 */
export class FakeCaseApi implements CaseApi {
  readonly listCalls: CaseListQuery[] = [];
  readonly getCalls: string[] = [];

  constructor(
    public respond: (query: CaseListQuery) => Promise<CaseListPage>,
    /** The cases `getCase` knows, by id. */
    readonly byId: ReadonlyMap<string, CaseForViewer> = new Map(),
    /** Who `me` says is signed in; a rejection stands for a refused session. */
    public whoAmI: () => Promise<Me> = () => Promise.resolve(officer),
  ) {}

  listCases(query: CaseListQuery): Promise<CaseListPage> {
    this.listCalls.push(query);
    return this.respond(query);
  }

  getCase(id: string): Promise<CaseForViewer> {
    this.getCalls.push(id);
    const found = this.byId.get(id);
    return found === undefined
      ? Promise.reject(new Error(`no case ${id} in this fake`))
      : Promise.resolve(found);
  }

  me(): Promise<Me> {
    return this.whoAmI();
  }

  /**
   * Answers for the case page's calls, set by the test that is about them; a call nobody
   * scripted fails the test with the call's name.
   */
  readonly script: Partial<Omit<CaseApi, 'listCases' | 'getCase' | 'me'>> = {};
  /** Every scripted call, in order, with its arguments. */
  readonly calls: { name: string; args: unknown[] }[] = [];

  private scripted<K extends keyof FakeCaseApi['script']>(
    name: K,
  ): NonNullable<FakeCaseApi['script'][K]> {
    const handler = this.script[name];
    if (handler !== undefined) return handler;
    // A rejection, not a throw: the screen shows it as a failed call, and the test's own
    // assertions (on what should have been there) fail with a readable message.
    const refuse = () =>
      Promise.reject(new Error(`FakeCaseApi.${name} was called but not scripted`));
    return refuse;
  }

  fileReport(...args: Parameters<CaseApi['fileReport']>): ReturnType<CaseApi['fileReport']> {
    this.calls.push({ name: 'fileReport', args });
    return this.scripted('fileReport')(...args);
  }

  listEvents(...args: Parameters<CaseApi['listEvents']>): ReturnType<CaseApi['listEvents']> {
    this.calls.push({ name: 'listEvents', args });
    return this.scripted('listEvents')(...args);
  }

  listDocuments(
    ...args: Parameters<CaseApi['listDocuments']>
  ): ReturnType<CaseApi['listDocuments']> {
    this.calls.push({ name: 'listDocuments', args });
    return this.scripted('listDocuments')(...args);
  }

  getDocument(...args: Parameters<CaseApi['getDocument']>): ReturnType<CaseApi['getDocument']> {
    this.calls.push({ name: 'getDocument', args });
    return this.scripted('getDocument')(...args);
  }

  takeStep(...args: Parameters<CaseApi['takeStep']>): ReturnType<CaseApi['takeStep']> {
    this.calls.push({ name: 'takeStep', args });
    return this.scripted('takeStep')(...args);
  }

  updateInvestigation(
    ...args: Parameters<CaseApi['updateInvestigation']>
  ): ReturnType<CaseApi['updateInvestigation']> {
    this.calls.push({ name: 'updateInvestigation', args });
    return this.scripted('updateInvestigation')(...args);
  }

  updateAssessment(
    ...args: Parameters<CaseApi['updateAssessment']>
  ): ReturnType<CaseApi['updateAssessment']> {
    this.calls.push({ name: 'updateAssessment', args });
    return this.scripted('updateAssessment')(...args);
  }

  addCaseLogEntry(
    ...args: Parameters<CaseApi['addCaseLogEntry']>
  ): ReturnType<CaseApi['addCaseLogEntry']> {
    this.calls.push({ name: 'addCaseLogEntry', args });
    return this.scripted('addCaseLogEntry')(...args);
  }

  uploadAttachment(
    ...args: Parameters<CaseApi['uploadAttachment']>
  ): ReturnType<CaseApi['uploadAttachment']> {
    this.calls.push({ name: 'uploadAttachment', args });
    return this.scripted('uploadAttachment')(...args);
  }

  generateDecision(
    ...args: Parameters<CaseApi['generateDecision']>
  ): ReturnType<CaseApi['generateDecision']> {
    this.calls.push({ name: 'generateDecision', args });
    return this.scripted('generateDecision')(...args);
  }

  generateInvestigationDocument(
    ...args: Parameters<CaseApi['generateInvestigationDocument']>
  ): ReturnType<CaseApi['generateInvestigationDocument']> {
    this.calls.push({ name: 'generateInvestigationDocument', args });
    return this.scripted('generateInvestigationDocument')(...args);
  }

  listAccessLog(
    ...args: Parameters<CaseApi['listAccessLog']>
  ): ReturnType<CaseApi['listAccessLog']> {
    this.calls.push({ name: 'listAccessLog', args });
    return this.scripted('listAccessLog')(...args);
  }

  /** The latest list query. */
  get lastQuery(): CaseListQuery | undefined {
    return this.listCalls.at(-1);
  }
}

// Helpers of the autosaving forms' tests (investigation, breach assessment).
// The imports stay with them, so the file grows at its end only.
import { createElement, useCallback, useState, type ReactNode } from 'react';
import { ApiError } from '../../src/tabs/api/client.js';
import type { Investigation } from '../../src/tabs/api/types.js';
import type { CaseSectionProps } from '../../src/tabs/components/CasePage/caseSection.types.js';

/** A Lex Sarah case under investigation, with this much of the investigation written. */
export function investigationItem(
  investigation: Investigation | null = null,
  overrides: Partial<VisibleCase> = {},
  access = fullAccess,
): CaseForViewer {
  return caseItem({ state: 'underInvestigation', investigation, version: 4, ...overrides }, access);
}

/** The 409 the server answers when the expected version is not the current one. */
export function conflictError(): ApiError {
  return new ApiError('conflict', 409, {
    sv: 'Ärendet har ändrats av någon annan sedan du öppnade det. Ladda om och försök igen.',
    en: 'Someone else changed the case since you opened it. Reload and try again.',
  });
}

/**
 * A FakeCaseApi in front of one stored case that behaves like the server's versioned saves:
 * `updateInvestigation` and `updateAssessment` store the form and add one to the version when the
 * expected version is the current one, and refuse with a conflict otherwise; `getCase` answers
 * the stored case. `othersSave` changes the stored case as another user (or section) would.
 */
export function versionedCaseApi(item: CaseForViewer): {
  api: FakeCaseApi;
  stored: () => VisibleCase;
  othersSave: (change: (record: VisibleCase) => Partial<VisibleCase>) => VisibleCase;
} {
  const byId = new Map<string, CaseForViewer>([[item.case.id, item]]);
  const api = new FakeCaseApi(() => Promise.resolve(pageOf([])), byId);
  const stored = (): VisibleCase => {
    const found = byId.get(item.case.id);
    if (found === undefined) throw new Error('the stored case is gone');
    return found.case;
  };
  const store = (change: Partial<VisibleCase>): VisibleCase => {
    const current = stored();
    // A copy, as JSON over the wire would be: the form must not share objects with the "server".
    const next = JSON.parse(
      JSON.stringify({ ...current, ...change, version: current.version + 1 }),
    ) as VisibleCase;
    byId.set(next.id, { access: item.access, case: next });
    return next;
  };
  api.script.updateInvestigation = (_id, investigation, expectedVersion) =>
    expectedVersion === stored().version
      ? Promise.resolve(store({ investigation }))
      : Promise.reject(conflictError());
  api.script.updateAssessment = (_id, assessment, expectedVersion) =>
    expectedVersion === stored().version
      ? Promise.resolve(store({ assessment }))
      : Promise.reject(conflictError());
  return { api, stored, othersSave: (change) => store(change(stored())) };
}

/**
 * Stands in for the case page around one section: keeps the page's one copy of the case and
 * takes every case a section hands back, never going back a version (as useCasePage does).
 */
export function SectionHost(props: {
  item: CaseForViewer;
  section: (props: CaseSectionProps) => ReactNode;
  /** A newer case another section saved; the page takes it as it would from that section. */
  latest?: VisibleCase;
}): ReactNode {
  const [record, setRecord] = useState(props.item.case);
  const [seen, setSeen] = useState(props.latest);
  if (props.latest !== seen) {
    // React's pattern for following a prop: adjust the state while rendering.
    setSeen(props.latest);
    if (props.latest !== undefined && props.latest.version > record.version) {
      setRecord(props.latest);
    }
  }
  const onCaseChanged = useCallback((next: VisibleCase) => {
    setRecord((current) => (current.version > next.version ? current : next));
  }, []);
  return createElement(props.section, { record, access: props.item.access, onCaseChanged });
}
