import { describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { seriousViolations } from './axe.js';
import type { CaseAccess } from '../../src/core/access.js';
import type { Report } from '../../src/core/reports.js';
import { ApiError } from '../../src/tabs/api/client.js';
import type { CaseForViewer, DocumentRef, VisibleCase } from '../../src/tabs/api/types.js';
import { CaseActions } from '../../src/tabs/components/CaseActions/CaseActions.js';
import { CaseDocuments } from '../../src/tabs/components/CaseDocuments/CaseDocuments.js';
import type { CaseSectionProps } from '../../src/tabs/components/CasePage/caseSection.types.js';
import { ReportView } from '../../src/tabs/components/ReportView/ReportView.js';
import { loadScenario } from '../fixtures/scenarios.js';
import { FakeCaseApi, caseItem, pageOf } from './fixtures.js';
import { renderInTab } from './harness.js';

/**
 * The case page's own sections: status and actions (the steps the role allows from the state,
 * blocked ones saying why, confirmation, conflicts), the report as filed, and the documents
 * (download, upload, refused files). Against the fake API, by roles and user events.
 */

const scenario = loadScenario('lex-sarah-denied-placement.json');
const report = {
  type: 'lexSarah',
  answers: { ...scenario.answers, reporter: { name: 'Rut Rapportör', title: 'Jobbcoach' } },
} as unknown as Report;

const officerAccess: CaseAccess = {
  view: 'full',
  actions: [
    'editInvestigation',
    'addCaseLogEntry',
    'addAttachment',
    'generateDecision',
    'register',
    'openInvestigation',
    'declineInvestigation',
    'recordDecision',
    'reportToAuthority',
    'close',
  ],
};
const investigatorAccess: CaseAccess = {
  view: 'full',
  actions: ['editInvestigation', 'addCaseLogEntry', 'addAttachment'],
};

function sarah(overrides: Partial<VisibleCase> = {}, access = officerAccess): CaseForViewer {
  return caseItem(
    {
      report,
      receivedAt: '2026-11-20T09:00:00+01:00',
      signedBy: { id: 'u-reporter', name: 'Rut Rapportör', title: 'Jobbcoach' },
      signedAt: '2026-11-20T09:00:00+01:00',
      reportDocumentId: 'doc-report',
      investigation: null,
      decision: null,
      caseLog: [],
      ...overrides,
    },
    access,
  );
}

function renderSection(
  Section: (props: CaseSectionProps) => React.ReactNode,
  found: CaseForViewer,
  api: FakeCaseApi,
  locale: 'sv' | 'en' = 'sv',
) {
  const changes: VisibleCase[] = [];
  const user = userEvent.setup();
  const view = renderInTab(
    <Section
      record={found.case}
      access={found.access}
      onCaseChanged={(record) => {
        changes.push(record);
      }}
    />,
    { api, locale },
  );
  return { user, changes, view };
}

function emptyApi(): FakeCaseApi {
  return new FakeCaseApi(() => Promise.resolve(pageOf([])));
}

/** A section alone is no page: its landmark rule (`region`) does not apply. */
function sectionViolations(container: HTMLElement): Promise<string[]> {
  return seriousViolations(container, ['region']);
}

describe('CaseActions', () => {
  it('offers the officer the steps from registered and takes one with the seen version', async () => {
    const found = sarah({ state: 'registered', version: 4 });
    const api = emptyApi();
    api.script.takeStep = (id, step) =>
      Promise.resolve({ ...found.case, state: 'underInvestigation', version: 5, id, title: step });
    const { user, changes } = renderSection(CaseActions, found, api);

    const group = screen.getByRole('group', { name: 'Åtgärder' });
    expect(
      within(group)
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['Inled utredning', 'Beslut att inte utreda']);
    await user.click(within(group).getByRole('button', { name: 'Inled utredning' }));

    expect(api.calls).toEqual([
      { name: 'takeStep', args: [found.case.id, 'openInvestigation', { expectedVersion: 4 }] },
    ]);
    expect(await screen.findByText('Klart. Ärendet är nu: Under utredning.')).toBeInTheDocument();
    expect(changes.map((record) => record.version)).toEqual([5]);
  });

  it('offers a handler who does not own decisions no step, and says so', () => {
    renderSection(CaseActions, sarah({ state: 'registered' }, investigatorAccess), emptyApi());
    expect(screen.queryByRole('group', { name: 'Åtgärder' })).not.toBeInTheDocument();
    expect(screen.getByText('Du kan inte ändra ärendets status.')).toBeInTheDocument();
  });

  it('keeps "record decision" focusable but blocked until a decision is proposed, saying why', async () => {
    const api = emptyApi();
    const { user } = renderSection(
      CaseActions,
      sarah({ state: 'underInvestigation', investigation: {} }),
      api,
    );
    const button = screen.getByRole('button', { name: 'Registrera beslut' });
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(button).toHaveAccessibleDescription(
      'Välj ett förslag till beslut innan beslutet registreras.',
    );
    await user.click(button);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(api.calls).toEqual([]);
  });

  /** A Lex Sarah case ready for its decision, and an API that records it. */
  function readyForDecision() {
    const found = sarah({
      state: 'underInvestigation',
      version: 7,
      investigation: { proposedDecision: 'misconduct' },
    });
    const api = emptyApi();
    api.script.takeStep = () =>
      Promise.resolve({
        ...found.case,
        state: 'decided',
        version: 8,
        decision: {
          outcome: 'misconduct',
          decidedAt: '2026-11-25T12:00:00+01:00',
          decidedBy: { id: 'u-officer', name: 'Lena Sarin' },
        },
      });
    return { found, api };
  }

  // Cancelling and opening again is walked in a real browser (test/browser/tab.test.ts): in
  // jsdom on a busy machine tabster's late clean-up of the first opening hides the second.
  it('asks before recording the decision, naming the outcome, and records nothing on cancel', async () => {
    const { found, api } = readyForDecision();
    const { user } = renderSection(CaseActions, found, api);

    await user.click(screen.getByRole('button', { name: 'Registrera beslut' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Registrera beslut' });
    expect(dialog).toHaveTextContent(
      'Beslutet registreras som ”Missförhållande”. Det går inte att ändra efteråt.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Avbryt' }));
    await waitFor(() => {
      expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    });
    expect(api.calls).toEqual([]);
  });

  it('records the decision on confirm, and shows the decided case', async () => {
    const { found, api } = readyForDecision();
    const { user, changes } = renderSection(CaseActions, found, api);

    await user.click(screen.getByRole('button', { name: 'Registrera beslut' }));
    await user.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Bekräfta' }),
    );
    expect(api.calls).toEqual([
      { name: 'takeStep', args: [found.case.id, 'recordDecision', { expectedVersion: 7 }] },
    ]);
    await waitFor(() => {
      expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    });
    expect(changes.at(-1)?.state).toBe('decided');
  });

  it('requires a reason to decline an investigation, and sends it trimmed', async () => {
    const found = sarah({ state: 'registered', version: 2 });
    const api = emptyApi();
    api.script.takeStep = () =>
      Promise.resolve({ ...found.case, state: 'closedNoInvestigation', version: 3 });
    const { user } = renderSection(CaseActions, found, api);

    await user.click(screen.getByRole('button', { name: 'Beslut att inte utreda' }));
    const dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Bekräfta' }));
    expect(within(dialog).getByText('Skriv en motivering.')).toBeInTheDocument();
    expect(api.calls).toEqual([]);

    await user.type(
      within(dialog).getByRole('textbox', { name: /Motivering/ }),
      '  Gäller inte socialtjänstens insatser.  ',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Bekräfta' }));
    expect(api.calls).toEqual([
      {
        name: 'takeStep',
        args: [
          found.case.id,
          'declineInvestigation',
          { expectedVersion: 2, reason: 'Gäller inte socialtjänstens insatser.' },
        ],
      },
    ]);
  });

  it('loads the newer version and says so when someone changed the case first', async () => {
    const found = sarah({ state: 'registered', version: 2 });
    const newer = { ...found.case, version: 3, state: 'underInvestigation' as const };
    const api = new FakeCaseApi(
      () => Promise.resolve(pageOf([])),
      new Map([[found.case.id, { access: found.access, case: newer }]]),
    );
    api.script.takeStep = () =>
      Promise.reject(
        new ApiError('conflict', 409, { sv: 'Ärendet har ändrats.', en: 'The case changed.' }),
      );
    const { user, changes } = renderSection(CaseActions, found, api);

    await user.click(screen.getByRole('button', { name: 'Inled utredning' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Någon annan ändrade ärendet samtidigt.',
    );
    expect(changes).toEqual([newer]);
    expect(api.getCalls).toEqual([found.case.id]);
  });

  it('shows the server’s message when a step is refused', async () => {
    const api = emptyApi();
    api.script.takeStep = () =>
      Promise.reject(
        new ApiError('forbidden', 403, {
          sv: 'Du har inte behörighet till det här.',
          en: 'You are not allowed to do this.',
        }),
      );
    const { user } = renderSection(CaseActions, sarah({ state: 'registered' }), api, 'en');
    await user.click(screen.getByRole('button', { name: 'Open investigation' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The action could not be carried out');
    expect(alert).toHaveTextContent('You are not allowed to do this.');
  });

  it('generates the decision of a decided case and shows the case’s new version', async () => {
    const found = sarah({
      state: 'decided',
      version: 9,
      investigation: { proposedDecision: 'misconduct' },
      decision: {
        outcome: 'misconduct',
        decidedAt: '2026-11-25T11:00:00+01:00',
        decidedBy: { id: 'u-officer', name: 'Lena Sarin' },
      },
    });
    const fresh = { ...found.case, version: 10 };
    const api = new FakeCaseApi(
      () => Promise.resolve(pageOf([])),
      new Map([[found.case.id, { access: found.access, case: fresh }]]),
    );
    api.script.generateDecision = () =>
      Promise.resolve({ name: 'AMN 2026-0001-1.3 beslut.pdf' } as DocumentRef);
    const { user, changes } = renderSection(CaseActions, found, api);

    expect(screen.getByText(/Missförhållande – Lena Sarin, 2026-11-25 11:00/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Skapa beslutet (PDF/A)' }));
    expect(
      await screen.findByText(
        'AMN 2026-0001-1.3 beslut.pdf är skapat och sparat bland ärendets dokument.',
      ),
    ).toBeInTheDocument();
    expect(changes).toEqual([fresh]);
  });

  it('has no serious accessibility violation, dialog open', async () => {
    const { user, view } = renderSection(CaseActions, sarah({ state: 'registered' }), emptyApi());
    expect(await sectionViolations(view.container)).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Beslut att inte utreda' }));
    expect(await sectionViolations(document.body)).toEqual([]);
  });
});

describe('ReportView', () => {
  it('shows every answer under its label, the weekday derived, and the signature', () => {
    renderSection(ReportView, sarah(), emptyApi());
    const section = screen.getByRole('region', { name: 'Rapporten som den lämnades' });
    const terms = within(section)
      .getAllByRole('term')
      .map((term) => term.textContent);
    expect(terms).toEqual(
      expect.arrayContaining(['Enhetens/avdelningens namn', 'Diarienummer', 'Rapporten inkom']),
    );
    expect(section).toHaveTextContent(String(scenario.answers.description));
    expect(section).toHaveTextContent('torsdag 2018-02-01 14:00');
    expect(section).toHaveTextContent('Undertecknad av Rut Rapportör, Jobbcoach 2026-11-20 09:00');
    // An answer the reporter left out is said, not left blank.
    expect(within(section).getAllByText('Ej angivet').length).toBeGreaterThan(0);
  });

  it('speaks English when the user does', () => {
    renderSection(ReportView, sarah(), emptyApi(), 'en');
    const section = screen.getByRole('region', { name: 'The report as filed' });
    expect(section).toHaveTextContent('Thursday 2018-02-01 14:00');
    expect(within(section).getByRole('heading', { name: 'Reporter' })).toBeInTheDocument();
  });

  it('downloads the report PDF with the bearer-authenticated call', async () => {
    const api = emptyApi();
    api.script.getDocument = () =>
      Promise.resolve(new Blob(['%PDF-1.7'], { type: 'application/pdf' }));
    const created = jest.fn<(blob: Blob | MediaSource) => string>(() => 'blob:report');
    const revoked = jest.fn();
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: revoked });
    const { user } = renderSection(ReportView, sarah(), api);
    await user.click(screen.getByRole('button', { name: 'Ladda ner rapporten (PDF/A)' }));
    await waitFor(() => {
      expect(created).toHaveBeenCalledTimes(1);
    });
    expect(api.calls).toEqual([{ name: 'getDocument', args: [expect.any(String), 'doc-report'] }]);
  });

  it('tells the registrar they see the registry entry, not the report', () => {
    const found = caseItem({}, { view: 'registry', actions: ['register'] });
    renderSection(ReportView, found, emptyApi());
    expect(
      screen.getByText(/Du ser ärendets diarieuppgifter. Rapporten och utredningen visas bara/),
    ).toBeInTheDocument();
  });
});

describe('CaseDocuments', () => {
  const reportPdf: DocumentRef = {
    id: 'doc-report',
    caseId: 'c',
    kind: 'report',
    name: 'AMN 2026-0001-1.3 rapport.pdf',
    mediaType: 'application/pdf',
    size: 48_213,
    sha256: '0'.repeat(64),
    createdAt: '2026-11-20T09:00:05+01:00',
    createdBy: 'system',
  };

  it('lists the documents with kind, date and size, and reloads when the case changes', async () => {
    const api = emptyApi();
    api.script.listDocuments = () => Promise.resolve([reportPdf]);
    const found = sarah();
    const { view } = renderSection(CaseDocuments, found, api);
    const table = await screen.findByRole('table', { name: 'Ärendets dokument' });
    const row = within(table).getAllByRole('row')[1];
    expect(row).toHaveTextContent('AMN 2026-0001-1.3 rapport.pdf');
    expect(row).toHaveTextContent('Rapport');
    expect(row).toHaveTextContent('47,1 kB');
    expect(api.calls.filter((call) => call.name === 'listDocuments')).toHaveLength(1);

    view.rerender(
      <CaseDocuments
        record={{ ...found.case, version: found.case.version + 1 }}
        access={found.access}
        onCaseChanged={() => undefined}
      />,
    );
    await waitFor(() => {
      expect(api.calls.filter((call) => call.name === 'listDocuments')).toHaveLength(2);
    });
  });

  it('uploads each chosen file, reports a refused one by name, and shows the new version', async () => {
    const found = sarah({ version: 3 });
    const fresh = { ...found.case, version: 4 };
    const api = new FakeCaseApi(
      () => Promise.resolve(pageOf([])),
      new Map([[found.case.id, { access: found.access, case: fresh }]]),
    );
    api.script.listDocuments = () => Promise.resolve([]);
    api.script.uploadAttachment = (_id, file) =>
      file.name === 'virus.exe'
        ? Promise.reject(
            new ApiError('unsupportedMediaType', 415, {
              sv: 'Filtypen tas inte emot.',
              en: 'This type of file is not accepted.',
            }),
          )
        : Promise.resolve({ ...reportPdf, kind: 'attachment', name: file.name });
    const { user, changes, view } = renderSection(CaseDocuments, found, api);

    const input = view.container.querySelector<HTMLInputElement>('input[type="file"]');
    if (input === null) throw new Error('no file input');
    await user.upload(input, [
      new File(['%PDF-1.7'], 'anteckning.pdf', { type: 'application/pdf' }),
      new File(['MZ'], 'virus.exe'),
    ]);
    // The accept list keeps the picker to the types the server takes; user.upload honours it,
    // so the .exe never reaches the API. A file that slips past (another browser) is refused.
    expect(await screen.findByText('anteckning.pdf är tillagd.')).toBeInTheDocument();
    expect(api.calls.filter((call) => call.name === 'uploadAttachment')).toHaveLength(1);
    expect(changes).toEqual([fresh]);
  });

  it('shows the server’s refusal of a file by its name', async () => {
    const api = emptyApi();
    api.script.listDocuments = () => Promise.resolve([]);
    api.script.uploadAttachment = () =>
      Promise.reject(
        new ApiError('payloadTooLarge', 413, {
          sv: 'Filen är för stor (högst 10 MB).',
          en: 'The file is too large (at most 10 MB).',
        }),
      );
    const { user, view } = renderSection(CaseDocuments, sarah(), api);
    const input = view.container.querySelector<HTMLInputElement>('input[type="file"]');
    if (input === null) throw new Error('no file input');
    await user.upload(input, new File(['%PDF-1.7'], 'stor.pdf', { type: 'application/pdf' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('stor.pdf kunde inte läggas till');
    expect(alert).toHaveTextContent('Filen är för stor (högst 10 MB).');
  });

  it('offers no upload without the right, and none on a closed case', async () => {
    const api = emptyApi();
    api.script.listDocuments = () => Promise.resolve([]);
    renderSection(CaseDocuments, sarah({}, { view: 'status', actions: [] }), api);
    expect(await screen.findByText('Ärendet har inga dokument som du kan se.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Lägg till bilagor' })).not.toBeInTheDocument();
  });

  it('shows a failed load with a retry that loads again', async () => {
    const api = emptyApi();
    let attempts = 0;
    api.script.listDocuments = () => {
      attempts += 1;
      return attempts === 1
        ? Promise.reject(new ApiError('network', null))
        : Promise.resolve([reportPdf]);
    };
    const { user } = renderSection(CaseDocuments, sarah(), api);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Dokumenten kunde inte hämtas');
    await user.click(within(alert).getByRole('button', { name: 'Försök igen' }));
    expect(await screen.findByRole('table')).toBeInTheDocument();
  });
});
