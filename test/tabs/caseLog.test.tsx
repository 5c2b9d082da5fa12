import { describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { seriousViolations } from './axe.js';
import { useState, type ReactNode } from 'react';
import type { CaseAccess } from '../../src/core/access.js';
import { LONG_TEXT_MAX, SHORT_TEXT_MAX } from '../../src/core/reports.js';
import { ApiError } from '../../src/tabs/api/client.js';
import type { CaseForViewer, CaseLogEntry, VisibleCase } from '../../src/tabs/api/types.js';
import { CaseLog } from '../../src/tabs/components/CaseLog/CaseLog.js';
import { NOTE_MAX, SOURCE_MAX } from '../../src/tabs/components/CaseLog/caseLogDraft.js';
import { FakeCaseApi, caseItem } from './fixtures.js';
import { renderInTab } from './harness.js';

/**
 * The case log section against a fake API: the table of entries (every column of SPEC §4,
 * oldest first), adding an entry, the tab's own checks, the server's field errors, a conflict
 * answered by fetching the case and trying once more, and who sees the form.
 */

const canWrite: CaseAccess = { view: 'full', actions: ['editInvestigation', 'addCaseLogEntry'] };
const readOnly: CaseAccess = { view: 'full', actions: [] };

const interview: CaseLogEntry = {
  id: 'e-1',
  documentedAt: '2026-11-20T08:30:00Z',
  note: 'Samtal med enhetschefen.\nHon bekräftar att rutinen inte följdes.',
  nature: 'fact',
  source: 'Samtal med enhetschef J.Q.',
  attachmentNumber: 3,
  signedBy: { id: 'u-officer', name: 'Lena Sarin', title: 'Lex Sarah-ansvarig' },
};
const assessment: CaseLogEntry = {
  id: 'e-2',
  documentedAt: '2026-11-23T14:05:00+01:00',
  note: 'Bedömer att risken var påtaglig.',
  nature: 'assessment',
  source: 'Utredarens bedömning',
  signedBy: { id: 'u-inv', name: 'Omar Haddad' },
};

function caseWith(caseLog: CaseLogEntry[], overrides: Partial<VisibleCase> = {}): VisibleCase {
  return caseItem({ state: 'underInvestigation', version: 4, caseLog, ...overrides }).case;
}

/** The page's part: keeps one copy of the case and takes what the section hands back. */
function Page(props: {
  initial: VisibleCase;
  access: CaseAccess;
  onChanged: (record: VisibleCase) => void;
}): ReactNode {
  const [record, setRecord] = useState(props.initial);
  return (
    <CaseLog
      record={record}
      access={props.access}
      onCaseChanged={(next) => {
        props.onChanged(next);
        setRecord(next);
      }}
    />
  );
}

function renderLog(
  initial: VisibleCase,
  options: { access?: CaseAccess; locale?: 'sv' | 'en'; known?: CaseForViewer[] } = {},
) {
  const user = userEvent.setup();
  const api = new FakeCaseApi(
    () => Promise.reject(new Error('the case log does not list cases')),
    new Map((options.known ?? []).map((item) => [item.case.id, item])),
  );
  const onChanged = jest.fn<(record: VisibleCase) => void>();
  const view = renderInTab(
    <Page initial={initial} access={options.access ?? canWrite} onChanged={onChanged} />,
    { api, locale: options.locale ?? 'sv' },
  );
  return { user, api, onChanged, ...view };
}

/** The answer to a save: the case one version on, with the entry appended as the server stores it. */
function withEntry(record: VisibleCase, entry: Partial<CaseLogEntry> = {}): VisibleCase {
  const stored: CaseLogEntry = {
    id: `e-${String(record.version + 1)}`,
    documentedAt: '2026-11-25T12:00:00+01:00',
    note: 'Ny uppgift',
    nature: 'fact',
    source: 'Journal',
    signedBy: { id: 'u-officer', name: 'Lena Sarin', title: 'Lex Sarah-ansvarig' },
    ...entry,
  };
  return { ...record, version: record.version + 1, caseLog: [...(record.caseLog ?? []), stored] };
}

function cellsOf(row: HTMLElement): string[] {
  return within(row)
    .getAllByRole('cell')
    .map((cell) => cell.textContent);
}

async function fillIn(
  user: ReturnType<typeof userEvent.setup>,
  values: { note?: string; nature?: 'Fakta' | 'Bedömning'; source?: string; attachment?: string },
) {
  if (values.note !== undefined) {
    await user.type(screen.getByRole('textbox', { name: /^Anteckning/ }), values.note);
  }
  if (values.nature !== undefined)
    await user.click(screen.getByRole('radio', { name: values.nature }));
  if (values.source !== undefined) {
    await user.type(screen.getByRole('textbox', { name: /^Källa/ }), values.source);
  }
  if (values.attachment !== undefined) {
    await user.type(screen.getByRole('textbox', { name: /^Bilaga nr/ }), values.attachment);
  }
}

describe('the case log', () => {
  it('lists every entry, oldest first, with all the columns of SPEC §4', () => {
    // Given newest first, to show the section orders them itself.
    renderLog(caseWith([assessment, interview]));
    expect(screen.getByRole('heading', { level: 2, name: 'Utredningslogg' })).toBeInTheDocument();
    const table = screen.getByRole('table', {
      name: 'Anteckningar i utredningsloggen, äldst först',
    });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual([
      'Dokumenterad',
      'Anteckning',
      'Fakta eller bedömning',
      'Källa',
      'Bilaga nr',
      'Signerad av',
    ]);
    const [, first, second] = within(table).getAllByRole('row');
    // 08:30 UTC is 09:30 in Stockholm in November.
    expect(cellsOf(first!)).toEqual([
      '2026-11-20 09:30',
      'Samtal med enhetschefen.\nHon bekräftar att rutinen inte följdes.',
      'Fakta',
      'Samtal med enhetschef J.Q.',
      '3',
      'Lena Sarin, Lex Sarah-ansvarig',
    ]);
    expect(cellsOf(second!)).toEqual([
      '2026-11-23 14:05',
      'Bedömer att risken var påtaglig.',
      'Bedömning',
      'Utredarens bedömning',
      '–',
      'Omar Haddad',
    ]);
    expect(within(first!).getByText('2026-11-20 09:30')).toHaveAttribute(
      'datetime',
      '2026-11-20T08:30:00Z',
    );
  });

  it('shows the columns and values in English', () => {
    renderLog(caseWith([interview]), { locale: 'en' });
    expect(screen.getByRole('heading', { level: 2, name: 'Case log' })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Case log entries, oldest first' });
    expect(within(table).getByRole('columnheader', { name: 'Fact or assessment' })).toBeVisible();
    expect(cellsOf(within(table).getAllByRole('row')[1]!)).toEqual([
      '20 Nov 2026, 09:30',
      'Samtal med enhetschefen.\nHon bekräftar att rutinen inte följdes.',
      'Fact',
      'Samtal med enhetschef J.Q.',
      '3',
      'Lena Sarin, Lex Sarah-ansvarig',
    ]);
    expect(
      screen.getByRole('radiogroup', { name: /Is it a fact or an assessment\?/ }),
    ).toBeVisible();
  });

  it('says so when there are no entries yet', () => {
    renderLog(caseWith([]));
    expect(screen.getByText('Det finns inga anteckningar ännu.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('adds an entry as of the version shown, then shows it, empties the form and says so', async () => {
    const record = caseWith([interview]);
    const { user, api, onChanged } = renderLog(record);
    const answered = withEntry(record, {
      note: 'Genomförandeplanen saknar rutin för nattetid.',
      source: 'Genomförandeplan',
      attachmentNumber: 4,
    });
    api.script.addCaseLogEntry = () => Promise.resolve(answered);

    await fillIn(user, {
      note: '  Genomförandeplanen saknar rutin för nattetid. ',
      nature: 'Fakta',
      source: 'Genomförandeplan',
      attachment: '4',
    });
    await user.click(screen.getByRole('button', { name: 'Spara anteckning' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Anteckningen är sparad.');
    expect(api.calls).toEqual([
      {
        name: 'addCaseLogEntry',
        args: [
          record.id,
          {
            note: 'Genomförandeplanen saknar rutin för nattetid.',
            nature: 'fact',
            source: 'Genomförandeplan',
            attachmentNumber: 4,
          },
          4,
        ],
      },
    ]);
    expect(onChanged).toHaveBeenCalledWith(answered);
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(cellsOf(rows[2]!)).toContain('Genomförandeplanen saknar rutin för nattetid.');
    const note = screen.getByRole('textbox', { name: /^Anteckning/ });
    expect(note).toHaveValue('');
    expect(note).toHaveFocus();
    expect(screen.getByRole('radio', { name: 'Fakta' })).not.toBeChecked();
    expect(screen.getByRole('textbox', { name: /^Källa/ })).toHaveValue('');
    expect(screen.getByRole('textbox', { name: /^Bilaga nr/ })).toHaveValue('');
  });

  it('leaves out an attachment number that was not given', async () => {
    const record = caseWith([]);
    const { user, api } = renderLog(record);
    api.script.addCaseLogEntry = () => Promise.resolve(withEntry(record));
    await fillIn(user, { note: 'Ny uppgift', nature: 'Bedömning', source: 'Journal' });
    await user.keyboard('{Enter}');
    await screen.findByText('Anteckningen är sparad.');
    expect(api.calls[0]?.args[1]).toEqual({
      note: 'Ny uppgift',
      nature: 'assessment',
      source: 'Journal',
    });
  });

  it('refuses a form without note, nature or source, says why on each field and sends nothing', async () => {
    const { user, api } = renderLog(caseWith([]));
    await user.click(screen.getByRole('button', { name: 'Spara anteckning' }));

    const note = screen.getByRole('textbox', { name: /^Anteckning/ });
    expect(note).toHaveFocus();
    expect(note).toHaveAttribute('aria-invalid', 'true');
    expect(note).toHaveAccessibleDescription('Skriv anteckningen.');
    expect(
      screen.getByText('Välj om anteckningen är fakta eller en bedömning.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /^Källa/ })).toHaveAccessibleDescription(
      expect.stringContaining('Ange varifrån uppgiften kommer.'),
    );
    expect(api.calls).toEqual([]);

    // Only the fields still wrong keep their message; the radio group gets focus when first.
    await user.type(note, 'Något hände');
    expect(note).not.toHaveAttribute('aria-invalid', 'true');
    await user.click(screen.getByRole('button', { name: 'Spara anteckning' }));
    expect(screen.getByRole('radio', { name: 'Fakta' })).toHaveFocus();
    expect(note).toHaveValue('Något hände');
    expect(api.calls).toEqual([]);
  });

  it('refuses an attachment number that is not a positive whole number', async () => {
    const { user, api } = renderLog(caseWith([]));
    await fillIn(user, { note: 'Ny uppgift', nature: 'Fakta', source: 'Journal', attachment: '0' });
    await user.click(screen.getByRole('button', { name: 'Spara anteckning' }));
    const attachment = screen.getByRole('textbox', { name: /^Bilaga nr/ });
    expect(attachment).toHaveFocus();
    expect(attachment).toHaveAccessibleDescription(
      expect.stringContaining('Bilagenumret ska vara ett heltal, 1 eller större.'),
    );
    await user.clear(attachment);
    await user.type(attachment, '2,5');
    await user.click(screen.getByRole('button', { name: 'Spara anteckning' }));
    expect(attachment).toHaveAttribute('aria-invalid', 'true');
    expect(api.calls).toEqual([]);
  });

  it("shows the server's field errors on the fields and keeps the text", async () => {
    const { user, api } = renderLog(caseWith([]));
    api.script.addCaseLogEntry = () =>
      Promise.reject(
        new ApiError(
          'validation',
          400,
          { sv: 'Uppgifterna är inte giltiga: entry.source.', en: 'The input is not valid.' },
          [
            {
              field: 'entry.source',
              message: { sv: 'Källan är för lång.', en: 'The source is too long.' },
            },
          ],
        ),
      );
    await fillIn(user, { note: 'Ny uppgift', nature: 'Fakta', source: 'Journal' });
    await user.click(screen.getByRole('button', { name: 'Spara anteckning' }));

    const source = screen.getByRole('textbox', { name: /^Källa/ });
    await waitFor(() => {
      expect(source).toHaveFocus();
    });
    expect(source).toHaveAttribute('aria-invalid', 'true');
    expect(source).toHaveAccessibleDescription(expect.stringContaining('Källan är för lång.'));
    expect(screen.getByRole('alert')).toHaveTextContent('Källan är för lång.');
    expect(
      screen.getByText('Rätta de markerade fälten och spara igen. Din text finns kvar.'),
    ).toBeVisible();
    expect(screen.getByRole('textbox', { name: /^Anteckning/ })).toHaveValue('Ny uppgift');
    expect(source).toHaveValue('Journal');
    expect(screen.getByRole('radio', { name: 'Fakta' })).toBeChecked();
  });

  it('keeps the text and says what went wrong when the server cannot be reached', async () => {
    const { user, api, onChanged } = renderLog(caseWith([]));
    api.script.addCaseLogEntry = () => Promise.reject(new ApiError('network', null));
    await fillIn(user, { note: 'Ny uppgift', nature: 'Fakta', source: 'Journal' });
    await user.click(screen.getByRole('button', { name: 'Spara anteckning' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Servern svarar inte. Kontrollera anslutningen och försök igen. Din text finns kvar.',
    );
    expect(screen.getByRole('textbox', { name: /^Anteckning/ })).toHaveValue('Ny uppgift');
    expect(onChanged).not.toHaveBeenCalled();
    expect(screen.getByRole('status')).toHaveTextContent('');
  });

  it('after a conflict fetches the case, hands it to the page and sends the entry again', async () => {
    const record = caseWith([interview]);
    // Someone else saved the investigation meanwhile: version 5, same log.
    const fresh: CaseForViewer = { access: canWrite, case: { ...record, version: 5 } };
    const answered = withEntry(fresh.case);
    const { user, api, onChanged } = renderLog(record, { known: [fresh] });
    api.script.addCaseLogEntry = (_id, _entry, version) =>
      version === 4 ? Promise.reject(new ApiError('conflict', 409)) : Promise.resolve(answered);

    await fillIn(user, { note: 'Ny uppgift', nature: 'Fakta', source: 'Journal' });
    await user.click(screen.getByRole('button', { name: 'Spara anteckning' }));

    expect(await screen.findByText(/^Anteckningen är sparad. Ärendet hade ändrats/)).toBeVisible();
    expect(api.getCalls).toEqual([record.id]);
    expect(api.calls.map((call) => call.args[2])).toEqual([4, 5]);
    expect(onChanged.mock.calls.map(([changed]) => changed.version)).toEqual([5, 6]);
    expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByRole('textbox', { name: /^Anteckning/ })).toHaveValue('');
  });

  it('does not log an entry twice when an earlier try got there after all', async () => {
    const record = caseWith([interview]);
    const fresh: CaseForViewer = { access: canWrite, case: withEntry(record) };
    const { user, api, onChanged } = renderLog(record, { known: [fresh] });
    api.script.addCaseLogEntry = () => Promise.reject(new ApiError('conflict', 409));

    await fillIn(user, { note: 'Ny uppgift', nature: 'Fakta', source: 'Journal' });
    await user.click(screen.getByRole('button', { name: 'Spara anteckning' }));

    expect(await screen.findByText(/^Anteckningen är sparad/)).toBeVisible();
    expect(api.calls).toHaveLength(1);
    expect(onChanged).toHaveBeenCalledWith(fresh.case);
  });

  it('tries only once more: a second conflict is reported and the text kept', async () => {
    const record = caseWith([]);
    const fresh: CaseForViewer = { access: canWrite, case: { ...record, version: 5 } };
    const { user, api, onChanged } = renderLog(record, { known: [fresh] });
    api.script.addCaseLogEntry = () => Promise.reject(new ApiError('conflict', 409));

    await fillIn(user, { note: 'Ny uppgift', nature: 'Fakta', source: 'Journal' });
    await user.click(screen.getByRole('button', { name: 'Spara anteckning' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Ärendet ändrades igen medan anteckningen sparades. Din text finns kvar: försök spara igen.',
    );
    expect(api.calls).toHaveLength(2);
    expect(onChanged).toHaveBeenCalledWith(fresh.case);
    expect(screen.getByRole('textbox', { name: /^Anteckning/ })).toHaveValue('Ny uppgift');
  });

  it('does not try again when the case was closed meanwhile, and keeps the text to copy', async () => {
    const record = caseWith([]);
    const fresh: CaseForViewer = {
      access: { view: 'full', actions: ['addCaseLogEntry'] },
      case: { ...record, version: 5, state: 'closed' },
    };
    const { user, api } = renderLog(record, { known: [fresh] });
    api.script.addCaseLogEntry = () => Promise.reject(new ApiError('conflict', 409));

    await fillIn(user, { note: 'Ny uppgift', nature: 'Fakta', source: 'Journal' });
    await user.click(screen.getByRole('button', { name: 'Spara anteckning' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      /Du kan inte längre skriva i utredningsloggen/,
    );
    expect(api.calls).toHaveLength(1);
    expect(
      screen.getByText('Ärendet är avslutat. Utredningsloggen kan inte längre ändras.'),
    ).toBeVisible();
    expect(screen.getByRole('textbox', { name: /^Anteckning/ })).toHaveValue('Ny uppgift');
    expect(screen.getByRole('button', { name: 'Spara anteckning' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
  });

  it('shows no form to those who may not add entries', () => {
    renderLog(caseWith([interview]), { access: readOnly });
    expect(screen.getByRole('table')).toBeInTheDocument();
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Spara anteckning' })).not.toBeInTheDocument();
  });

  it('shows no form once the case is closed, and says why', () => {
    renderLog(caseWith([interview], { state: 'closed' }));
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
    expect(
      screen.getByText('Ärendet är avslutat. Utredningsloggen kan inte längre ändras.'),
    ).toBeInTheDocument();
  });

  it('labels the form by its heading and is used by keyboard alone', async () => {
    const record = caseWith([]);
    const { user, api } = renderLog(record);
    api.script.addCaseLogEntry = () => Promise.resolve(withEntry(record));
    expect(screen.getByRole('form', { name: 'Ny anteckning' })).toBeInTheDocument();
    expect(
      screen.getByRole('radiogroup', { name: /Är det fakta eller en bedömning\?/ }),
    ).toBeInTheDocument();

    // Tab past the table's scroll region (absent here) into the form.
    screen.getByRole('textbox', { name: /^Anteckning/ }).focus();
    await user.keyboard('Ny uppgift');
    await user.tab();
    expect(screen.getByRole('radio', { name: 'Fakta' })).toHaveFocus();
    await user.keyboard(' ');
    await user.tab();
    await user.keyboard('Journal');
    await user.tab();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Spara anteckning' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(await screen.findByText('Anteckningen är sparad.')).toBeInTheDocument();
    expect(api.calls[0]?.args[1]).toEqual({
      note: 'Ny uppgift',
      nature: 'fact',
      source: 'Journal',
    });
  });

  it("keeps the tab's limits equal to the core's", () => {
    expect(NOTE_MAX).toBe(LONG_TEXT_MAX);
    expect(SOURCE_MAX).toBe(SHORT_TEXT_MAX);
  });

  it('has no serious or critical axe violations, with entries and field errors', async () => {
    const { user, container } = renderLog(caseWith([interview, assessment]));
    await user.click(screen.getByRole('button', { name: 'Spara anteckning' }));
    expect(await seriousViolations(container)).toEqual([]);
  });
});
